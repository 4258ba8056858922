import "server-only";
import { afterCommit, type Database, type Transaction } from "@/db";
import { jobs } from "@/db/schema";
import { wakeJobWorker } from "@/lib/runtime/job-wake";
import type { JobQueue } from "./types";

export type NewJob = { queue: JobQueue; payload: Record<string, unknown>; maxAttempts: number; runAt?: Date };

/**
 * Adds jobs in the caller's transaction (the outbox pattern): a job exists exactly when the
 * change that caused it was committed. Once that commit succeeds the worker of this process is
 * woken to run them at once (`db` must then come from `transaction()` or withClientTransaction).
 */
export async function enqueueJobs(db: Database | Transaction, items: NewJob[]): Promise<void> {
  if (items.length === 0) return;
  await db.insert(jobs).values(
    items.map((j) => ({
      queue: j.queue,
      payload: j.payload,
      maxAttempts: j.maxAttempts,
      runAt: j.runAt ?? new Date(),
    })),
  );
  afterCommit(db, wakeJobWorker);
}
