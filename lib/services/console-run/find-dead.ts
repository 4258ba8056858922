import "server-only";
import os from "node:os";
import { and, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { consoleRunRepositories, consoleRuns } from "@/db/schema";
import { currentRun } from "./current-run";
import { HEARTBEAT_STALE_SECONDS } from "./heartbeat";

export type DeadRun = { id: string; hostname: string; pid: number; repositories: string[] };

/**
 * Runs that stopped without ending cleanly, with the repositories they touched:
 * - on this host, a run whose process is gone. A run other than ours with our pid is dead too:
 *   the pid was reused (in a container the web server often gets the same pid every time);
 * - anywhere, a run whose heartbeat is older than HEARTBEAT_STALE_SECONDS (another host's pid
 *   cannot be checked from here).
 * Each is marked stopped now (stopped_at), for whoever looks at the table meanwhile; the caller
 * deletes it once its repositories are reconciled.
 */
export async function findDeadRuns(): Promise<DeadRun[]> {
  const db = getDb();
  const own = currentRun();
  const hostname = os.hostname();
  const runs = await db
    .select({
      id: consoleRuns.id,
      hostname: consoleRuns.hostname,
      pid: consoleRuns.pid,
      silent: sql<boolean>`${consoleRuns.heartbeatAt} < now() - make_interval(secs => ${HEARTBEAT_STALE_SECONDS})`,
    })
    .from(consoleRuns);
  const dead = runs.filter(
    (r) =>
      r.id !== own?.id && (r.silent || (r.hostname === hostname && (r.pid === process.pid || !processExists(r.pid)))),
  );
  if (dead.length === 0) return [];
  const ids = dead.map((r) => r.id);
  await db
    .update(consoleRuns)
    .set({ stoppedAt: sql`now()` })
    .where(and(inArray(consoleRuns.id, ids), isNull(consoleRuns.stoppedAt)));
  const touched = await db
    .select()
    .from(consoleRunRepositories)
    .where(inArray(consoleRunRepositories.runId, ids))
    .orderBy(consoleRunRepositories.repository);
  return dead.map((r) => ({
    id: r.id,
    hostname: r.hostname,
    pid: r.pid,
    repositories: touched.filter((t) => t.runId === r.id).map((t) => t.repository),
  }));
}

/** Signal 0 checks without signalling: ESRCH means no such process; EPERM means it exists (another user's). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
