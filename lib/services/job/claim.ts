import "server-only";
import { getPool } from "@/db";
import type { ClaimedJob, JobQueue } from "./types";

/** $1 queue, $2 worker id, $3 how many, $4 lease in seconds (exported for the engine tests). */
export const CLAIM_JOBS_SQL = `update jobs j set status = 'running', attempts = j.attempts + 1, locked_by = $2,
    locked_until = now() + make_interval(secs => $4)
  where j.id in (
    select id from jobs
    where queue = $1 and ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
    order by run_at
    limit $3
    for update skip locked)
  returning j.id, j.queue, j.payload, j.attempts, j.max_attempts`;

/**
 * Takes up to `limit` due jobs of one queue for this worker, leased for `leaseSeconds`.
 * `FOR UPDATE SKIP LOCKED` lets several console processes claim side by side without ever
 * taking the same job; a job left `running` by a process that died is due again once its
 * lease has passed. The attempt counter goes up at claim time, so a crash mid-run still counts.
 */
export async function claimJobs(
  queue: JobQueue,
  workerId: string,
  limit: number,
  leaseSeconds: number,
): Promise<ClaimedJob[]> {
  const { rows } = await getPool().query<{
    id: string;
    queue: JobQueue;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
  }>(CLAIM_JOBS_SQL, [queue, workerId, limit, leaseSeconds]);
  return rows.map((r) => ({
    id: r.id,
    queue: r.queue,
    payload: r.payload,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lockedBy: workerId,
  }));
}
