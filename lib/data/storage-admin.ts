import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { SITE_STORAGE_SCOPE_ID } from "@/db/schema";

/**
 * What the operator's storage page (Admin → Storage) lists: the namespaces and repositories that
 * store the most, from the storage counters (one index scan of storage_totals per page), and the
 * daily snapshots for the chart. Callers are site operators (lib/authz/storage.ts decides).
 */
export type NamespaceStorageRow = {
  id: string;
  name: string;
  kind: "user" | "org";
  uniqueBytes: number;
  taggedBytes: number;
  // The quota that applies (its own, else the site default); null: no limit.
  quotaBytes: number | null;
  ownQuota: boolean;
};

export type RepositoryStorageRow = {
  namespace: string;
  name: string;
  uniqueBytes: number;
  taggedBytes: number;
};

type Page<T> = { items: T[]; total: number };

const SITE_DEFAULT = sql`(select (s.value #>> '{}')::bigint from site_settings s where s.key = 'storage.default_quota_bytes')`;

/** Namespaces by distinct bytes, largest first (ties by name). Those storing nothing are left out. */
export async function listLargestNamespaces(page: number, pageSize: number): Promise<Page<NamespaceStorageRow>> {
  const { rows } = await getDb().execute<{
    id: string;
    name: string;
    kind: "user" | "org";
    unique_bytes: string;
    tagged_bytes: string;
    quota: string | null;
    own: boolean;
    total: number;
  }>(sql`
    select n.id, n.name, n.kind, t.unique_bytes, t.tagged_bytes, n.storage_quota_override as own,
      case when n.storage_quota_override then n.storage_quota_bytes else ${SITE_DEFAULT} end as quota,
      count(*) over ()::int as total
    from storage_totals t join namespaces n on n.id = t.scope_id
    where t.scope = 'namespace'
    order by t.unique_bytes desc, n.name
    limit ${pageSize} offset ${(page - 1) * pageSize}`);
  return {
    total: rows[0]?.total ?? (page > 1 ? await countScope("namespace") : 0),
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      uniqueBytes: Number(r.unique_bytes),
      taggedBytes: Number(r.tagged_bytes),
      quotaBytes: r.quota === null ? null : Number(r.quota),
      ownQuota: r.own,
    })),
  };
}

/** Repositories by distinct bytes, largest first (ties by path). */
export async function listLargestRepositories(page: number, pageSize: number): Promise<Page<RepositoryStorageRow>> {
  const { rows } = await getDb().execute<{
    namespace: string;
    name: string;
    unique_bytes: string;
    tagged_bytes: string;
    total: number;
  }>(sql`
    select n.name as namespace, r.name, t.unique_bytes, t.tagged_bytes, count(*) over ()::int as total
    from storage_totals t join repositories r on r.id = t.scope_id join namespaces n on n.id = r.namespace_id
    where t.scope = 'repository'
    order by t.unique_bytes desc, n.name, r.name
    limit ${pageSize} offset ${(page - 1) * pageSize}`);
  return {
    total: rows[0]?.total ?? (page > 1 ? await countScope("repository") : 0),
    items: rows.map((r) => ({
      namespace: r.namespace,
      name: r.name,
      uniqueBytes: Number(r.unique_bytes),
      taggedBytes: Number(r.tagged_bytes),
    })),
  };
}

// Past the last page the window count has no row to ride on: count alone, so the pager still knows.
async function countScope(scope: "namespace" | "repository"): Promise<number> {
  const { rows } = await getDb().execute<{ n: number }>(
    sql`select count(*)::int as n from storage_totals where scope = ${scope}`,
  );
  return rows[0]?.n ?? 0;
}

/** The site's distinct bytes per UTC day over the last `days` days, oldest first; a day with no snapshot is absent. */
export async function listSiteSnapshots(
  days: number,
  now: Date = new Date(),
): Promise<Array<{ day: string; uniqueBytes: number }>> {
  const { rows } = await getDb().execute<{ day: string; unique_bytes: string }>(sql`
    select to_char(day, 'YYYY-MM-DD') as day, unique_bytes from storage_snapshots
    where scope = 'site' and scope_id = ${SITE_STORAGE_SCOPE_ID}::uuid
      and day > (${now.toISOString().slice(0, 10)}::date - ${days}::int)
    order by day`);
  return rows.map((r) => ({ day: r.day, uniqueBytes: Number(r.unique_bytes) }));
}
