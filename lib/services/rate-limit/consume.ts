import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import { rateLimits } from "@/db/schema";
import { RateLimitedError } from "@/lib/errors";

export type Limit = { key: string; max: number; windowSeconds: number; message: string };

type Row = { key: string; count: number; retry: number };

/**
 * Takes `n` slots of every limit in one statement: the upsert counts, and the same statement's
 * answer says whether the slot was within the limit. A separate "check, then record" let 100
 * parallel requests all pass the check before any of them recorded (found by a security test);
 * here each increment is serialized on the row lock, so at most `max` callers per window ever get
 * past this call, however many arrive at once. Two ways to use it:
 * - before the attempt (2FA codes, mails, invitations, repository creation): at most `max` attempts
 *   are evaluated at all;
 * - for a failed password or token, before its answer is given: at most `max` wrong guesses per
 *   window are ever told "wrong", the rest get 429, and assertNotLimited refuses a right one once
 *   the window is used up. Parallel right passwords (docker authenticates every token request) are
 *   then never refused for being in flight together, which a slot taken before them would do.
 *
 * A window that has ended starts over. Keys are sorted so two multi-key calls lock rows in the
 * same order (no deadlock). A refused attempt still counts, so hammering a limit does not open it.
 */
export async function takeSlots(limits: Array<Limit | null>, n = 1, tx?: Transaction): Promise<void> {
  const list = limits.filter((l): l is Limit => l !== null).sort((a, b) => a.key.localeCompare(b.key));
  if (list.length === 0 || n <= 0) return;
  const rows = await upsertSlots(list, n, tx);
  for (const limit of list) {
    const row = rows.find((r) => r.key === limit.key);
    if (row && row.count > limit.max) throw new RateLimitedError(limit.message, row.retry);
  }
}

/**
 * One slot of `limit`, and where the window stands after it: the count (past `max` once the
 * limit is used up: a refused attempt counts too) and the seconds until the window starts over.
 * For limits whose state the caller reports (the registry's `ratelimit-remaining` header).
 */
export async function takeCountedSlot(limit: Limit): Promise<{ count: number; resetSeconds: number }> {
  const [row] = await upsertSlots([limit], 1);
  return { count: row?.count ?? 1, resetSeconds: row?.retry ?? limit.windowSeconds };
}

/** Where `limit`'s window stands, taking nothing (a client asking how many pulls it has left). */
export async function peekSlot(limit: Limit): Promise<{ count: number; resetSeconds: number }> {
  const rows = await getDb().execute<Row>(sql`
    select key, count, greatest(1, ceil(extract(epoch from (window_started_at + make_interval(secs => ${limit.windowSeconds}::int) - now()))))::int as retry
    from ${rateLimits}
    where key = ${limit.key} and window_started_at + make_interval(secs => ${limit.windowSeconds}::int) > now()`);
  const row = rows.rows[0];
  return row ? { count: row.count, resetSeconds: row.retry } : { count: 0, resetSeconds: limit.windowSeconds };
}

async function upsertSlots(list: Limit[], n: number, tx?: Transaction): Promise<Row[]> {
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
  return rows.rows;
}

/** One slot of each limit; see takeSlots. */
export async function takeSlot(...limits: Array<Limit | null>): Promise<void> {
  await takeSlots(limits);
}

/**
 * Refuses when any of `limits` has used up its window (a read: it takes nothing). Used before an
 * expensive check (argon2) so a locked account costs the server nothing, and again after a right
 * password, so failures recorded meanwhile lock the right password out too.
 */
export async function assertNotLimited(...limits: Array<Limit | null>): Promise<void> {
  const list = limits.filter((l): l is Limit => l !== null);
  if (list.length === 0) return;
  const values = sql.join(
    list.map((l) => sql`(${l.key}, ${l.max}::int, ${l.windowSeconds}::int)`),
    sql`, `,
  );
  const rows = await getDb().execute<Row>(sql`
    with input (key, max, window_seconds) as (values ${values})
    select r.key, r.count, ceil(extract(epoch from (r.window_started_at + make_interval(secs => i.window_seconds) - now())))::int as retry
    from ${rateLimits} r join input i on i.key = r.key
    where r.count >= i.max and r.window_started_at + make_interval(secs => i.window_seconds) > now()`);
  const row = rows.rows[0];
  if (row) throw new RateLimitedError(list.find((l) => l.key === row.key)!.message, Math.max(1, row.retry));
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
