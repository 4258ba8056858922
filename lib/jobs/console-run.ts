import "server-only";
import { beginRun } from "@/lib/services/console-run/begin";
import { discardDeadRepository, discardDeadRuns } from "@/lib/services/console-run/discard";
import { endRun } from "@/lib/services/console-run/end";
import { findDeadRuns } from "@/lib/services/console-run/find-dead";
import { heartbeat, HEARTBEAT_INTERVAL_MS } from "@/lib/services/console-run/heartbeat";
import { reconcileIndex } from "@/lib/services/index-reconciliation/reconcile";
import { repeatInBackground } from "./repeat";

/** How long start-up waits for the database before it serves without this bookkeeping. */
const DATABASE_PATIENCE_MS = 15_000;

type Progress = { log: (msg: string) => void; step: () => void };

/**
 * The web server's start: record this run, then reconcile what unclean stops may have left out of
 * the index, before the server listens (so "ready" means the index has caught up). A database
 * that cannot be reached is logged and start-up goes on: the heartbeat records the run later, and
 * the dead runs wait for the next start. `step` is called per repository, so the console can tell
 * a long reconcile from a hang.
 */
export async function startConsoleRun(progress: Progress): Promise<void> {
  try {
    await withinPatience(beginRun());
  } catch (err) {
    progress.log(`could not record this run (${message(err)}); unclean stops are not looked for this time`);
    return;
  } finally {
    repeatInBackground("console run heartbeat", heartbeat, HEARTBEAT_INTERVAL_MS);
  }
  try {
    await reconcileAfterUncleanStops(progress);
  } catch (err) {
    progress.log(`reconciling after an unclean stop failed (${message(err)}); the next start tries again`);
  }
}

/** A clean stop: this run's record goes, so the next start reconciles nothing on its account. */
export async function endConsoleRun(): Promise<void> {
  await withinPatience(endRun());
}

async function reconcileAfterUncleanStops({ log, step }: Progress): Promise<void> {
  const dead = await withinPatience(findDeadRuns());
  if (dead.length === 0) return;
  const runIds = dead.map((r) => r.id);
  // Several dead runs (a crash loop, several hosts) may have touched the same repository.
  const paths = [...new Set(dead.flatMap((r) => r.repositories))].sort();
  log(`unclean stop detected: reconciling ${paths.length} repositories touched since the last clean stop`);
  let failed = 0;
  for (const [i, path] of paths.entries()) {
    const outcome = await reconcileIndex({ scope: path, reason: "unclean-stop" });
    const { tagsAdded, tagsUpdated, tagsRemoved } = outcome.run;
    const prefix = `(${i + 1}/${paths.length}) ${path}:`;
    if (outcome.status === "failed") {
      failed += 1;
      log(`${prefix} failed (${message(outcome.error)})`);
    } else {
      // "busy": another process is reconciling it right now, which does the same job.
      log(
        outcome.status === "busy"
          ? `${prefix} being reconciled by another process`
          : `${prefix} +${tagsAdded} ~${tagsUpdated} -${tagsRemoved}`,
      );
      await discardDeadRepository(runIds, path);
    }
    step();
  }
  if (failed > 0) log(`${failed} of ${paths.length} repositories could not be reconciled; the next start tries again`);
  else await discardDeadRuns(runIds);
}

function withinPatience<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer from the database in ${DATABASE_PATIENCE_MS / 1000} s`)),
      DATABASE_PATIENCE_MS,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The driver's reason rather than drizzle's wrapper ("Failed query: <the whole statement>"). */
function message(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}
