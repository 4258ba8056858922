import "server-only";
import { eq, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { registryGcRuns, type RegistryGcRun } from "@/db/schema";

export type GcOwner = { hostname: string; pid: number };

/**
 * Takes the queued run, if any, for this web server: `FOR UPDATE SKIP LOCKED`, so of two consoles
 * polling at once one gets it and the other sees nothing, and marks it running with its owner.
 */
export async function claimGcRun(owner: GcOwner): Promise<RegistryGcRun | null> {
  return transaction(async (tx) => {
    const [queued] = await tx
      .select({ id: registryGcRuns.id })
      .from(registryGcRuns)
      .where(eq(registryGcRuns.status, "queued"))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!queued) return null;
    const [run] = await tx
      .update(registryGcRuns)
      .set({
        status: "running",
        startedAt: sql`now()`,
        heartbeatAt: sql`now()`,
        ownerHostname: owner.hostname,
        ownerPid: owner.pid,
      })
      .where(eq(registryGcRuns.id, queued.id))
      .returning();
    return run ?? null;
  });
}
