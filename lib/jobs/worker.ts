import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { logger } from "@/lib/logger";
import { onJobWorkerWake } from "@/lib/runtime/job-wake";
import { claimJobs } from "@/lib/services/job/claim";
import { finishJob } from "@/lib/services/job/finish";
import { pruneFinishedWork } from "@/lib/services/job/prune";
import { backoffMs, type ClaimedJob, type JobOutcome, type JobQueue } from "@/lib/services/job/types";

export type JobHandler = (job: ClaimedJob) => Promise<JobOutcome>;
export type QueueConfig = { handler: JobHandler; concurrency: number; leaseSeconds: number };

// One id per process: it fences job updates (a worker only finishes jobs it still holds).
const WORKER_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

async function runOne(job: ClaimedJob, handler: JobHandler): Promise<void> {
  let outcome: JobOutcome;
  try {
    outcome = await handler(job);
  } catch (err) {
    // An unexpected error (database hiccup, bug): try again later, like any transient failure.
    logger.error(`job ${job.queue} failed`, err);
    outcome = {
      kind: "retry",
      delayMs: backoffMs(5000, job.attempts),
      error: err instanceof Error ? err.message : String(err),
    };
  }
  await finishJob(job, outcome);
}

/** Claims and runs the due jobs of each queue once; returns how many ran. Also what tests call to act as another console process. */
export async function runDueJobs(
  queues: Partial<Record<JobQueue, QueueConfig>>,
  workerId = WORKER_ID,
): Promise<number> {
  let ran = 0;
  await Promise.all(
    Object.entries(queues).map(async ([queue, config]) => {
      const jobs = await claimJobs(queue as JobQueue, workerId, config.concurrency, config.leaseSeconds);
      ran += jobs.length;
      await Promise.all(jobs.map((job) => runOne(job, config.handler)));
    }),
  );
  return ran;
}

type State = { wake: () => void; running: boolean };
// On globalThis so the loop starts once per process, whichever module copy asks (see lib/runtime/job-wake.ts).
const g = globalThis as unknown as { __jobWorker?: State };

/**
 * The job loop of this console process (started from instrumentation.ts): runs due jobs until
 * none are left, then sleeps `pollMs` or until woken (wakeJobWorker). Several processes may run it at once.
 */
export function startJobWorker(queues: Partial<Record<JobQueue, QueueConfig>>, pollMs: number, keepDays = 30): void {
  if (g.__jobWorker) return;
  let wakeUp: (() => void) | null = null;
  const state: State = { running: true, wake: () => wakeUp?.() };
  g.__jobWorker = state;
  // Enqueued jobs wake the loop once their transaction commits (lib/services/job/enqueue.ts).
  onJobWorkerWake(() => state.wake());
  let lastPrune = 0;
  void (async () => {
    while (state.running) {
      try {
        while ((await runDueJobs(queues)) > 0) {
          /* keep going while there is work */
        }
        if (Date.now() - lastPrune > 3_600_000) {
          lastPrune = Date.now();
          await pruneFinishedWork(keepDays);
        }
      } catch (err) {
        // The database may be down: wait and try again, never crash the console.
        logger.warn("job worker could not poll", { error: err instanceof Error ? err.message : String(err) });
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        t.unref();
        wakeUp = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wakeUp = null;
    }
  })();
}
