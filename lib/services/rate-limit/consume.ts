import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import { rateLimits } from "@/db/schema";
import { RateLimitedError } from "@/lib/errors";

export type Limit = { key: string; max: number; windowSeconds: number; message: string };

type Row = { key: string; count: number; retry: number };

/**
 * Takes `n` slots of every limit before the attempt they guard, in one statement: the upsert
 * counts and the same statement's answer says whether the slot was within the limit. A separate
 * "check, then record" lets 100 parallel requests all pass the check before any of them records
 * (found by a security test); here each request's increment is serialized on the row lock, so at
 * most `max` attempts per window ever get past this call, however many arrive at once.
 *
 * A window that has ended starts over. Keys are sorted so two multi-key calls lock rows in the
 * same order (no deadlock). A refused attempt still counts, so hammering a limit does not open it.
 */
export async function takeSlots(limits: Array<Limit | null>, n = 1, tx?: Transaction): Promise<void> {
  const list = limits.filter((l): l is Limit => l !== null).sort((a, b) => a.key.localeCompare(b.key));
  if (list.length === 0 || n <= 0) return;
  const values = sql.join(
    list.map((l) => sql`(${l.key}, ${n}::int, now(), ${l.windowSeconds}::int)`),
    sql`, `,
  );
  // The window length rides along in a VALUES list so each key expires by its own limit.
  const rows = await (tx ?? getDb()).execute<Row>(sql`
    with input (key, n, started, window_seconds) as (values ${values})
    insert into ${rateLimits} as r (key, count, window_started_at)
    select key, n, started from input
    on conflict (key) do update set
      count = case when r.window_started_at + make_interval(secs => (select window_seconds from input i where i.key = r.key)) <= now() then excluded.count else r.count + excluded.count end,
      window_started_at = case when r.window_started_at + make_interval(secs => (select window_seconds from input i where i.key = r.key)) <= now() then now() else r.window_started_at end
    returning r.key, r.count,
      greatest(1, ceil(extract(epoch from (r.window_started_at + make_interval(secs => (select window_seconds from input i where i.key = r.key)) - now()))))::int as retry`);
  for (const limit of list) {
    const row = rows.rows.find((r) => r.key === limit.key);
    if (row && row.count > limit.max) throw new RateLimitedError(limit.message, row.retry);
  }
}

/** One slot of each limit; see takeSlots. */
export async function takeSlot(...limits: Array<Limit | null>): Promise<void> {
  await takeSlots(limits);
}

/**
 * Gives a slot back after an attempt that turned out to be legitimate (a right password, a right
 * code), so limits count failures while the slot still guarded the attempt in flight. Never below 0.
 */
export async function releaseSlot(...limits: Array<Limit | null>): Promise<void> {
  const keys = limits.filter((l): l is Limit => l !== null).map((l) => l.key);
  if (keys.length === 0) return;
  await getDb().execute(sql`update ${rateLimits} set count = greatest(count - 1, 0) where key in ${keys}`);
}
