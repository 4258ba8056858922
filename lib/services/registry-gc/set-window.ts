import "server-only";
import { eq, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { registryGcRuns } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";

/**
 * Opens (or closes) a run's read-only window: the front door of every console refuses pushes with
 * 503 while it is open. This process forgets its cached window at commit; the others hear the
 * trigger's notification (migration 0027).
 */
export async function setGcWindow(runId: string, open: boolean): Promise<void> {
  await transaction(async (tx) => {
    await tx
      .update(registryGcRuns)
      .set(open ? { readOnlySince: sql`now()` } : { readOnlyUntil: sql`now()` })
      .where(eq(registryGcRuns.id, runId));
    accessChanged(tx);
  });
}
