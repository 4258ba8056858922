import "server-only";
import { getDb } from "@/db";
import { consoleRuns } from "@/db/schema";
import { ensureCurrentRun, type CurrentRun } from "./current-run";

/**
 * Records that this process is serving, before it takes any request. If the database cannot be
 * reached the run still exists in memory, and the heartbeat (or the first write) inserts the row.
 */
export async function beginRun(): Promise<CurrentRun> {
  const run = ensureCurrentRun();
  await getDb()
    .insert(consoleRuns)
    .values({ id: run.id, hostname: run.hostname, pid: run.pid })
    .onConflictDoNothing({ target: consoleRuns.id });
  return run;
}
