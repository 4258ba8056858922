import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { registryGcRuns } from "@/db/schema";
import { GC_LOG_LIMIT } from "@/lib/runtime/registry-maintenance-protocol";
import { accessChanged } from "@/lib/data/access-cache";

export type GcOutcome = {
  status: "succeeded" | "failed";
  predictedBytes?: number | null;
  bytesBefore?: number | null;
  bytesAfter?: number | null;
  blobsBefore?: number | null;
  blobsRemoved?: number | null;
  log: string;
  error?: string | null;
};

/** Records how a run ended; its window closes with it, whatever step it ended in. */
export async function finishGcRun(runId: string, outcome: GcOutcome): Promise<void> {
  await transaction(async (tx) => {
    await tx
      .update(registryGcRuns)
      .set({
        status: outcome.status,
        finishedAt: sql`now()`,
        readOnlyUntil: sql`coalesce(${registryGcRuns.readOnlyUntil}, case when ${registryGcRuns.readOnlySince} is not null then now() end)`,
        predictedBytes: outcome.predictedBytes ?? null,
        bytesBefore: outcome.bytesBefore ?? null,
        bytesAfter: outcome.bytesAfter ?? null,
        blobsBefore: outcome.blobsBefore ?? null,
        blobsRemoved: outcome.blobsRemoved ?? null,
        log: outcome.log.slice(-GC_LOG_LIMIT),
        error: outcome.error?.slice(0, 2000) ?? null,
      })
      .where(and(eq(registryGcRuns.id, runId), eq(registryGcRuns.status, "running")));
    accessChanged(tx);
  });
}
