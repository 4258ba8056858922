import "server-only";
import { getPool } from "@/db";
import type { ClaimedJob, JobOutcome } from "./types";

/**
 * Records a job's outcome, only while this worker still holds it (`locked_by`): a worker whose
 * lease ran out and was taken over must not overwrite the new holder's state.
 */
export async function finishJob(job: ClaimedJob, outcome: JobOutcome): Promise<void> {
  const pool = getPool();
  if (outcome.kind === "done") {
    await pool.query(
      `update jobs set status = 'succeeded', finished_at = now(), locked_until = null, last_error = null where id = $1 and locked_by = $2`,
      [job.id, job.lockedBy],
    );
  } else if (outcome.kind === "retry" && job.attempts < job.maxAttempts) {
    await pool.query(
      `update jobs set status = 'queued', run_at = now() + make_interval(secs => $3), locked_until = null, last_error = $4 where id = $1 and locked_by = $2`,
      [job.id, job.lockedBy, outcome.delayMs / 1000, outcome.error.slice(0, 1000)],
    );
  } else {
    await pool.query(
      `update jobs set status = 'failed', finished_at = now(), locked_until = null, last_error = $3 where id = $1 and locked_by = $2`,
      [job.id, job.lockedBy, outcome.error.slice(0, 1000)],
    );
  }
}
