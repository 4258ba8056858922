import "server-only";
import { getPool } from "@/db";

/**
 * Housekeeping: finished jobs older than `keepDays`, webhook deliveries older than `keepDays`
 * (the delivery log shows recent history), and webhooks of deleted repositories once nothing is
 * pending for them any more. Also spent or expired sign-in challenges and ended rate-limit windows
 * (nothing reads either after a day).
 */
export async function pruneFinishedWork(keepDays: number): Promise<void> {
  const pool = getPool();
  await pool.query(`delete from jobs where finished_at < now() - make_interval(days => $1)`, [keepDays]);
  await pool.query(`delete from webhook_deliveries where completed_at < now() - make_interval(days => $1)`, [keepDays]);
  await pool.query(`delete from sign_in_challenges where expires_at < now() - interval '1 day'`);
  await pool.query(`delete from rate_limits where window_started_at < now() - interval '1 day'`);
  await pool.query(
    `delete from webhooks w where w.repository_id is null
       and not exists (select 1 from webhook_deliveries d where d.webhook_id = w.id and d.status in ('queued', 'retrying'))`,
  );
}
