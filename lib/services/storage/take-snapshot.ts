import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { SITE_STORAGE_SCOPE_ID } from "@/db/schema";

/**
 * Copies today's storage figures (the site's and every namespace's) into storage_snapshots, once
 * per UTC day: a day that has its site row already is left as it is, and two console processes
 * doing it at once meet on the primary key (the second inserts nothing). The site gets a row even
 * with nothing stored, so the chart shows the days before the first push as zero.
 * Returns how many rows it wrote (0 when today's snapshot existed).
 */
export async function takeStorageSnapshot(now: Date = new Date()): Promise<number> {
  const day = now.toISOString().slice(0, 10);
  const result = await getDb().execute(sql`
    insert into storage_snapshots (day, scope, scope_id, unique_bytes, tagged_bytes)
    select ${day}::date, s.scope, s.scope_id, s.unique_bytes, s.tagged_bytes
    from (
      select 'site' as scope, ${SITE_STORAGE_SCOPE_ID}::uuid as scope_id,
        coalesce(t.unique_bytes, 0) as unique_bytes, coalesce(t.tagged_bytes, 0) as tagged_bytes
      from (select 1) one left join storage_totals t on t.scope = 'site' and t.scope_id = ${SITE_STORAGE_SCOPE_ID}::uuid
      union all
      select 'namespace', t.scope_id, t.unique_bytes, t.tagged_bytes
      from storage_totals t join namespaces n on n.id = t.scope_id where t.scope = 'namespace') s
    where not exists (select 1 from storage_snapshots x where x.day = ${day}::date and x.scope = 'site')
    on conflict (day, scope, scope_id) do nothing`);
  return result.rowCount ?? 0;
}
