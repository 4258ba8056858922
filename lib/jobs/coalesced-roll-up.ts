import "server-only";
import { logger } from "@/lib/logger";

type State = { running: boolean; again: boolean };
// On globalThis: the event route and instrumentation may load a job module as separate copies.
const holder = globalThis as unknown as { __rollUps?: Map<string, State> };

export type RollUpJob = {
  /** Names the job in its state and its error log ("pull roll-up failed"). */
  name: string;
  /** One batch; the count it handled, or null when another process holds the roll-up. */
  run: () => Promise<number | null>;
  /** A full batch: run again at once, there may be more. */
  batch: number;
  /** A wait before each run, gathering what a steady stream queues into one batch. */
  gatherMs?: number;
  /** Another process held it: try again after this long (it may finish before our newest rows). */
  retryBusyMs?: number;
};

/**
 * A schedule function for a roll-up: it runs now in the background, or once more after the
 * current run when one is going, so work queued during a run is all taken by the next one and
 * batches grow with the load. A failure leaves the work queued for the next call or periodic run.
 */
export function coalescedRollUp(job: RollUpJob): () => void {
  const schedule = (): void => {
    const states = (holder.__rollUps ??= new Map());
    let s = states.get(job.name);
    if (!s) states.set(job.name, (s = { running: false, again: false }));
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    const state = s;
    void (async () => {
      try {
        let n: number | null = 0;
        do {
          if (job.gatherMs) await new Promise((r) => setTimeout(r, job.gatherMs));
          state.again = false;
          do n = await job.run();
          while (n === job.batch);
        } while (state.again && n !== null);
        if (n === null && job.retryBusyMs) setTimeout(schedule, job.retryBusyMs).unref();
      } catch (err) {
        logger.error(`${job.name} failed`, err);
      } finally {
        state.running = false;
      }
    })();
  };
  return schedule;
}
