import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { consoleRuns } from "@/db/schema";
import { currentRun } from "./current-run";

/** How often a run says it is alive; a run silent for HEARTBEAT_STALE_SECONDS is taken for dead. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
export const HEARTBEAT_STALE_SECONDS = 60;

/**
 * Says this run is alive. An upsert, so the row is (re)made when it is missing: the database was
 * down when the run began, or another process took this run for dead (no heartbeat for a minute,
 * say while the database was unreachable) and deleted it after reconciling its repositories. In
 * the second case the repositories remembered in memory are no longer on record, so they are
 * forgotten and the next write to each records it again.
 */
export async function heartbeat(): Promise<void> {
  const run = currentRun();
  if (!run || run.ended) return;
  const beat = getDb()
    .insert(consoleRuns)
    .values({ id: run.id, hostname: run.hostname, pid: run.pid })
    .onConflictDoUpdate({ target: consoleRuns.id, set: { heartbeatAt: sql`now()`, stoppedAt: null } })
    .returning({ created: sql<boolean>`(xmax = 0)` })
    .execute();
  run.beating = beat;
  try {
    const [row] = await beat;
    if (row?.created) run.touched.clear();
  } finally {
    if (run.beating === beat) run.beating = null;
  }
}
