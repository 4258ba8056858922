import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { consoleRunRepositories, consoleRuns } from "@/db/schema";

/**
 * Takes a reconciled repository off the dead runs' lists at once, so a start that is cut short
 * (another crash, Ctrl-C) does not reconcile it again next time.
 */
export async function discardDeadRepository(runIds: string[], repository: string): Promise<void> {
  if (runIds.length === 0) return;
  await getDb()
    .delete(consoleRunRepositories)
    .where(and(inArray(consoleRunRepositories.runId, runIds), eq(consoleRunRepositories.repository, repository)));
}

/** Deletes dead runs whose repositories have all been reconciled (what is left of their lists goes with them). */
export async function discardDeadRuns(runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  await getDb().delete(consoleRuns).where(inArray(consoleRuns.id, runIds));
}
