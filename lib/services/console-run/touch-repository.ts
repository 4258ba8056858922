import "server-only";
import { getDb } from "@/db";
import { consoleRunRepositories } from "@/db/schema";
import { currentRun, type CurrentRun } from "./current-run";
import { heartbeat } from "./heartbeat";

/**
 * Records, before the registry sees a write to `repository` (push, upload, delete), that this run
 * touched it, so an unclean stop after the write is followed by a reconcile of that repository.
 * The first write per repository and run costs one awaited insert; later ones cost nothing (the
 * remembered promise has settled). Outside a run (no web server: scripts, tests) it does nothing.
 * A failure rejects, so the write is refused rather than passed unrecorded.
 */
export function touchRepository(repository: string): Promise<void> {
  const run = currentRun();
  if (!run) return Promise.resolve();
  let recorded = run.touched.get(repository);
  if (!recorded) {
    recorded = record(run, repository).catch((err: unknown) => {
      // Not on record: the next write tries again.
      if (run.touched.get(repository) === recorded) run.touched.delete(repository);
      throw err;
    });
    run.touched.set(repository, recorded);
  }
  return recorded;
}

async function record(run: CurrentRun, repository: string): Promise<void> {
  if (run.ended) throw new Error("this web server is stopping: the write was not passed on");
  const insert = () =>
    getDb().insert(consoleRunRepositories).values({ runId: run.id, repository }).onConflictDoNothing();
  try {
    await insert();
  } catch (err) {
    // The run's own row is missing (the database was down when it began, or another process took
    // it for dead): make it again, then record.
    if (!isForeignKeyViolation(err)) throw err;
    await heartbeat();
    await insert();
  }
}

function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code === "23503" || e?.cause?.code === "23503";
}
