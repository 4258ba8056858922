import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
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
