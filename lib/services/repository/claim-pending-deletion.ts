import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";

/**
 * Takes a 60-second lease on one repository stuck in `deleting` (not touched for 30 s), so that of
 * several console processes only one resumes it, without holding a transaction open during the
 * registry calls.
 */
export async function claimPendingDeletion(): Promise<{ id: string; path: string } | null> {
  const { rows } = await getDb().execute<{ id: string; path: string }>(sql`
    update repositories r set updated_at = now() + interval '30 seconds'
    from namespaces n
    where n.id = r.namespace_id and r.id = (
      select id from repositories where status = 'deleting' and updated_at < now() - interval '30 seconds'
      order by updated_at limit 1 for update skip locked)
    returning r.id, n.name || '/' || r.name as path`);
  return rows[0] ?? null;
}
