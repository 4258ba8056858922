import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { SITE_STORAGE_SCOPE_ID } from "@/db/schema";

/**
 * Storage figures, read from the counters the storage roll-up keeps (db/schema/storage.ts): one
 * primary-key lookup and one index probe of the queue, whatever the number of manifests. Callers
 * pass ids they were allowed to see (lib/authz decides: repository viewers, namespace owners,
 * site operators).
 */
export type StorageFigures = {
  // Distinct bytes the scope's tags reach (manifests, configs and layers, each once).
  uniqueBytes: number;
  // Each tag's full image, summed over tags: what the scope would take if nothing were shared.
  taggedBytes: number;
  // Tags whose manifest the console has not described yet; the figures leave them out.
  pendingTags: number;
  // Pending tags, or changes not yet counted (moments after a push or delete): the figures are
  // not final, and pages say "calculating…" instead of showing them.
  calculating: boolean;
};

export type SiteStorage = StorageFigures & {
  // Every described manifest and blob, each once.
  describedBytes: number;
  // Described bytes no tag reaches any more (untagged or deleted images not yet collected).
  reclaimableBytes: number;
};

type Row = {
  unique_bytes: string;
  tagged_bytes: string;
  pending_tags: number;
  described_bytes: string;
  queued: boolean;
};

async function figures(scope: "repository" | "namespace" | "site", id: string, queued: SQL): Promise<Row> {
  const { rows } = await getDb().execute<Row>(sql`
    select coalesce(t.unique_bytes, 0) as unique_bytes, coalesce(t.tagged_bytes, 0) as tagged_bytes,
      coalesce(t.pending_tags, 0) as pending_tags, coalesce(t.described_bytes, 0) as described_bytes,
      exists (${queued}) as queued
    from (select 1) one
    left join storage_totals t on t.scope = ${scope} and t.scope_id = ${id}::uuid`);
  return rows[0]!;
}

function toFigures(r: Row): StorageFigures {
  return {
    uniqueBytes: Number(r.unique_bytes),
    taggedBytes: Number(r.tagged_bytes),
    pendingTags: r.pending_tags,
    calculating: r.pending_tags > 0 || r.queued,
  };
}

/** A repository's figures: 0 B for one with no tags. */
export async function getRepositoryStorage(repositoryId: string): Promise<StorageFigures> {
  return toFigures(
    await figures(
      "repository",
      repositoryId,
      sql`select 1 from storage_changes where repository_id = ${repositoryId}::uuid`,
    ),
  );
}

/** A namespace's figures: blobs shared by its repositories count once. */
export async function getNamespaceStorage(namespaceId: string): Promise<StorageFigures> {
  return toFigures(
    await figures(
      "namespace",
      namespaceId,
      sql`select 1 from storage_changes where namespace_id = ${namespaceId}::uuid`,
    ),
  );
}

/** The whole registry's figures, with what no tag reaches any more. */
export async function getSiteStorage(): Promise<SiteStorage> {
  const r = await figures("site", SITE_STORAGE_SCOPE_ID, sql`select 1 from storage_changes`);
  const described = Number(r.described_bytes);
  const base = toFigures(r);
  return { ...base, describedBytes: described, reclaimableBytes: Math.max(0, described - base.uniqueBytes) };
}

/**
 * What deleting tags would take off the storage figures: the bytes of the blobs (manifests
 * included) only those tags reach in the repository, and of those, the bytes no other repository
 * of the namespace holds (its quota's figure) and no other namespace holds (the most garbage
 * collection can then free on disk; an untagged manifest elsewhere may still keep some).
 */
export type DeletionImpact = {
  repositoryBytes: number;
  namespaceBytes: number;
  siteBytes: number;
  calculating: boolean;
};

/** `tags` null: the whole repository (every tag). Tags not described yet count nothing, and say `calculating`. */
export async function getDeletionImpact(
  repo: { id: string; namespaceId: string },
  tags: readonly string[] | null,
): Promise<DeletionImpact> {
  if (tags !== null && tags.length === 0)
    return { repositoryBytes: 0, namespaceBytes: 0, siteBytes: 0, calculating: false };
  const selected =
    tags === null
      ? sql`select repository_id, name from storage_tags where repository_id = ${repo.id}::uuid`
      : sql`select ${repo.id}::uuid as repository_id, name from unnest(${sql.param([...tags])}::text[]) as u(name)`;
  return (await impacts(repo.namespaceId, [repo.id], selected)).get(repo.id)!;
}

/**
 * getDeletionImpact for several repositories of one namespace at once (a tag retention run), each
 * judged on its own exactly as the delete dialog judges it, in one query: the manifests' closures
 * are walked once for all, where one query per repository would scan the references each time.
 */
export async function getDeletionImpacts(
  namespaceId: string,
  deletions: ReadonlyArray<{ repositoryId: string; tags: readonly string[] }>,
  // Tests pass `true` to take the scratch-table plan with a handful of tags.
  scratch?: boolean,
): Promise<Map<string, DeletionImpact> & { namespaceTotal: number }> {
  const pairs = deletions.flatMap((d) => d.tags.map((t) => [d.repositoryId, t] as const));
  const repositoryIds = deletions.map((d) => d.repositoryId);
  const unnested = sql`select * from unnest(${sql.param(pairs.map((p) => p[0]))}::uuid[], ${sql.param(pairs.map((p) => p[1]))}::text[])
      as u(repository_id, name)`;
  if (!(scratch ?? pairs.length >= LARGE_SELECTION)) return impacts(namespaceId, repositoryIds, unnested);
  // Tens of thousands of tags (a retention run): from an unnest the planner guesses a hundred rows
  // and walks the closure with ~100,000 index probes; from an analyzed scratch table it knows
  // the count and hashes instead (bench/notes/retention.md).
  return transaction(async (tx) => {
    await tx.execute(sql`create temp table deletion_selection (repository_id uuid, name text) on commit drop`);
    await tx.execute(sql`insert into deletion_selection ${unnested}`);
    await tx.execute(sql`analyze deletion_selection`);
    return impacts(namespaceId, repositoryIds, sql`select repository_id, name from deletion_selection`, tx);
  });
}

/** From this many tags on, getDeletionImpacts plans with an analyzed scratch table. */
const LARGE_SELECTION = 5000;

/** `selected`: a query of (repository_id, name), the tags leaving (one array parameter, not one per tag). */
async function impacts(
  namespaceId: string,
  repositoryIds: string[],
  selected: SQL,
  db: Pick<ReturnType<typeof getDb>, "execute"> = getDb(),
) {
  // The tags' manifests, then everything each reaches (as the roll-up's closure): a blob leaves the
  // repository when every tag reaching it goes, the namespace when this repository was its last
  // holder there, the site when this namespace was its last.
  const { rows } = await db.execute<{
    repository_id: string;
    repository: string;
    namespace: string;
    site: string;
    namespace_total: string;
    calculating: boolean;
  }>(sql`
    with sel as (${selected}),
    gone as (
      select t.repository_id, t.digest as top, count(*)::int as n from storage_tags t
      join sel on sel.repository_id = t.repository_id and sel.name = t.name
      where t.total_size is not null
      group by t.repository_id, t.digest),
    tops as (select distinct top from gone),
    closure as (
      select distinct on (top, digest) top, digest, size from (
        select m.digest as top, m.digest, m.manifest_size as size from image_manifests m
          where m.digest in (select top from tops)
        union all
        select r.manifest_digest, r.digest, r.size from manifest_references r
          where r.manifest_digest in (select top from tops)
        union all
        select r.manifest_digest, c.digest, c.size from manifest_references r
          join manifest_references c on c.manifest_digest = r.digest
          where r.manifest_digest in (select top from tops) and r.kind = 'manifest') x),
    reach as (
      select g.repository_id, c.digest, max(c.size) as size, sum(g.n)::int as tags
      from closure c join gone g on g.top = c.top group by g.repository_id, c.digest),
    leaving as (
      select r.repository_id, r.digest, r.size from reach r
      join repository_blobs b on b.repository_id = r.repository_id and b.digest = r.digest
      where b.tags <= r.tags),
    -- Across all the repositories at once: a blob leaves the namespace when every repository of
    -- it that holds the blob loses it here (two cleaned repositories sharing a layer free it too,
    -- which the per-repository figures, each judged alone, cannot see).
    namespace_total as (
      select coalesce(sum(x.size), 0) as bytes from (
        select l.digest, max(l.size) as size, count(*)::int as repositories from leaving l group by l.digest) x
      left join namespace_blobs nb on nb.namespace_id = ${namespaceId}::uuid and nb.digest = x.digest
      where x.repositories >= coalesce(nb.repositories, 0))
    select rp.id as repository_id, (select bytes from namespace_total) as namespace_total, coalesce(sum(l.size), 0) as repository,
      coalesce(sum(l.size) filter (where coalesce(nb.repositories, 0) <= 1), 0) as namespace,
      coalesce(sum(l.size) filter (where coalesce(nb.repositories, 0) <= 1 and coalesce(sb.namespaces, 0) <= 1), 0) as site,
      exists (select 1 from storage_changes where repository_id = rp.id)
        or exists (select 1 from storage_tags t join sel on sel.repository_id = t.repository_id and sel.name = t.name
          where t.repository_id = rp.id and t.total_size is null)
        as calculating
    from (select distinct id from unnest(${sql.param(repositoryIds)}::uuid[]) as u(id)) rp
    left join leaving l on l.repository_id = rp.id
    left join namespace_blobs nb on nb.namespace_id = ${namespaceId}::uuid and nb.digest = l.digest
    left join stored_blobs sb on sb.digest = l.digest
    group by rp.id`);
  const byRepository = new Map(
    rows.map((r) => [
      r.repository_id,
      {
        repositoryBytes: Number(r.repository),
        namespaceBytes: Number(r.namespace),
        siteBytes: Number(r.site),
        calculating: r.calculating,
      },
    ]),
  );
  return Object.assign(byRepository, { namespaceTotal: Number(rows[0]?.namespace_total ?? 0) });
}

/** How many namespaces store more than `quotaBytes` now (the quota form warns of them). */
export async function countNamespacesOver(quotaBytes: number): Promise<number> {
  const { rows } = await getDb().execute<{ n: number }>(
    sql`select count(*)::int as n from storage_totals where scope = 'namespace' and unique_bytes > ${quotaBytes}`,
  );
  return rows[0]?.n ?? 0;
}
