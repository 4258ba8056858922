import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { registryGcRuns } from "@/db/schema";

/** A running run's owner is alive; one silent for GC_STALE_SECONDS is taken for dead (interrupt-abandoned.ts). */
export const GC_HEARTBEAT_MS = 3_000;
export const GC_STALE_SECONDS = 30;

export async function gcHeartbeat(runId: string, log?: string): Promise<void> {
  await getDb()
    .update(registryGcRuns)
    .set({ heartbeatAt: sql`now()`, ...(log === undefined ? {} : { log }) })
    .where(and(eq(registryGcRuns.id, runId), eq(registryGcRuns.status, "running")));
}
