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
 * The job loop of this console process (started from instrumentation.ts): keeps each queue's
 * jobs running up to its concurrency, then sleeps `pollMs` or until woken (wakeJobWorker, or a
 * job of this process finishing). Jobs run detached from the loop, so a long one (a 30-minute
 * build) holds only its own queue's slot: webhooks and emails keep going meanwhile. Several
 * processes may run the loop at once.
 */
export function startJobWorker(queues: Partial<Record<JobQueue, QueueConfig>>, pollMs: number, keepDays = 30): void {
  if (g.__jobWorker) return;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  const state: State = {
    running: true,
    wake: () => {
      woken = true;
      wakeUp?.();
    },
  };
  g.__jobWorker = state;
  // Enqueued jobs wake the loop once their transaction commits (lib/services/job/enqueue.ts).
  onJobWorkerWake(() => state.wake());
  const inFlight = new Map<string, number>();
  /** Claims what each queue has room for and starts it; returns how many started. */
  const startDue = async (): Promise<number> => {
    let started = 0;
    await Promise.all(
      Object.entries(queues).map(async ([queue, config]) => {
        const room = config.concurrency - (inFlight.get(queue) ?? 0);
        if (room <= 0) return;
        const jobs = await claimJobs(queue as JobQueue, WORKER_ID, room, config.leaseSeconds);
        started += jobs.length;
        for (const job of jobs) {
          inFlight.set(queue, (inFlight.get(queue) ?? 0) + 1);
          void runOne(job, config.handler)
            .catch((err: unknown) => logger.error(`job ${queue} could not be finished`, err))
            .finally(() => {
              inFlight.set(queue, (inFlight.get(queue) ?? 1) - 1);
              state.wake();
            });
        }
      }),
    );
    return started;
  };
  let lastPrune = 0;
  void (async () => {
    while (state.running) {
      woken = false;
      try {
        while ((await startDue()) > 0) {
          /* keep going while there is work and room */
        }
        if (Date.now() - lastPrune > 3_600_000) {
          lastPrune = Date.now();
          await pruneFinishedWork(keepDays);
        }
      } catch (err) {
        // The database may be down: wait and try again, never crash the console.
        logger.warn("job worker could not poll", { error: err instanceof Error ? err.message : String(err) });
      }
      // A wake while claiming (a job finished, one was enqueued) must not be lost to the sleep.
      if (woken) continue;
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
