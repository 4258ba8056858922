import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { consoleRuns } from "@/db/schema";
import { currentRun } from "./current-run";

/**
 * A clean stop: the run's row goes (its repositories with it, by cascade), so no later start
 * reconciles them. No heartbeat starts after this, and one under way is waited for, since its
 * upsert landing after the delete would leave a row that looks like an unclean stop.
 */
export async function endRun(): Promise<void> {
  const run = currentRun();
  if (!run || run.ended) return;
  run.ended = true;
  await run.beating?.catch(() => undefined);
  await getDb().delete(consoleRuns).where(eq(consoleRuns.id, run.id));
}
