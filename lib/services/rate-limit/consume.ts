import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";
import { RateLimitedError } from "@/lib/errors";

export type Limit = { key: string; max: number; windowSeconds: number; message: string };

/** Throws RateLimitedError when `key` already used up its window (checked before the attempt). */
export async function assertNotLimited(limit: Limit | null): Promise<void> {
  if (!limit) return;
  const rows = await getDb().execute<{ count: number; retry: number }>(sql`
    select count, greatest(0, ceil(extract(epoch from (window_started_at + make_interval(secs => ${limit.windowSeconds}) - now()))))::int as retry
    from ${rateLimits} where key = ${limit.key}`);
  const row = rows.rows[0];
  if (row && row.retry > 0 && row.count >= limit.max) throw new RateLimitedError(limit.message, row.retry);
}

/** Counts one failure against `key`; a window that has ended starts over. One atomic upsert. */
export async function recordFailure(limit: Pick<Limit, "key" | "windowSeconds"> | null): Promise<void> {
  if (!limit) return;
  await getDb().execute(sql`
    insert into ${rateLimits} (key, count, window_started_at) values (${limit.key}, 1, now())
    on conflict (key) do update set
      count = case when ${rateLimits.windowStartedAt} + make_interval(secs => ${limit.windowSeconds}) < now() then 1 else ${rateLimits.count} + 1 end,
      window_started_at = case when ${rateLimits.windowStartedAt} + make_interval(secs => ${limit.windowSeconds}) < now() then now() else ${rateLimits.windowStartedAt} end`);
}

export async function clearFailures(key: string): Promise<void> {
  await getDb().execute(sql`delete from ${rateLimits} where key = ${key}`);
}
