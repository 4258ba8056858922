import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

/*
 * Storage accounting: how many bytes each repository, namespace and the whole site keeps stored,
 * counted from the blob-level index (image_manifests and manifest_references). Recomputing a
 * namespace's distinct bytes from 100,000 references on every read takes hundreds of milliseconds,
 * so the figures are kept as counters instead, with a reference count per blob at each level:
 * a blob's bytes join a repository's figure when its first tag there reaches it and leave with the
 * last one, and likewise for namespaces (counting repositories) and the site (counting namespaces).
 *
 * Writers never touch these tables themselves. Triggers (migration 0022) append what changed to
 * storage_changes, in the writer's transaction; one roll-up at a time (lib/services/storage/
 * roll-up.ts) applies the queue in batches. So pushes, deletes and reconciliation pay one queue
 * insert, and the counters have a single writer: no lock waits or deadlocks on hot rows.
 *
 * No foreign keys: a deleted repository's or namespace's bytes must still be subtracted by the
 * roll-up after the row is gone; the roll-up drops rows whose counts reach zero.
 *
 * The roll-up subtracts what a tag counted by walking the same manifest's references again, so a
 * described manifest's references (and sizes) must never change or go while storage_tags names
 * it: whatever later prunes image_manifests (garbage collection) must only take rows no
 * storage_tags row points at.
 */

/** storage_totals.scope_id of the site's row. */
export const SITE_STORAGE_SCOPE_ID = "00000000-0000-0000-0000-000000000000";

/** What the roll-up has yet to look at: a tag that changed, or a manifest just described. */
export const storageChanges = pgTable(
  "storage_changes",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    repositoryId: uuid(),
    tag: text(),
    // The repository's namespace when the change was queued, so a namespace's figure can say it
    // is being recalculated (null when the repository was already gone).
    namespaceId: uuid(),
    manifestDigest: text(),
  },
  (t) => [
    index("storage_changes_repository_id_idx").on(t.repositoryId),
    index("storage_changes_namespace_id_idx").on(t.namespaceId),
    check(
      "storage_changes_what",
      sql`(${t.repositoryId} is not null and ${t.tag} is not null) or ${t.manifestDigest} is not null`,
    ),
  ],
);

/**
 * Each tag as the counters include it: its digest and that manifest's total size, or a null size
 * while the manifest is not described (a pending tag, counted in `pendingTags` only).
 */
export const storageTags = pgTable(
  "storage_tags",
  {
    repositoryId: uuid().notNull(),
    name: text().notNull(),
    namespaceId: uuid().notNull(),
    digest: text().notNull(),
    totalSize: bigint({ mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.name] })],
);

/** The distinct blobs (manifests included) a repository's tags reach, with how many tags reach each. */
export const repositoryBlobs = pgTable(
  "repository_blobs",
  {
    repositoryId: uuid().notNull(),
    digest: text().notNull(),
    size: bigint({ mode: "number" }).notNull(),
    tags: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.digest] })],
);

/** The distinct blobs of a namespace, with how many of its repositories hold each. */
export const namespaceBlobs = pgTable(
  "namespace_blobs",
  {
    namespaceId: uuid().notNull(),
    digest: text().notNull(),
    size: bigint({ mode: "number" }).notNull(),
    repositories: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.namespaceId, t.digest] })],
);

/**
 * Every digest the index has described (manifests, configs, layers), with how many namespaces
 * hold it. A row with no namespace is reclaimable: no tag reaches it any more.
 */
export const storedBlobs = pgTable("stored_blobs", {
  digest: text().primaryKey(),
  size: bigint({ mode: "number" }).notNull(),
  namespaces: integer().notNull().default(0),
});

/**
 * The figures themselves, one row per repository, namespace and one for the site (scope_id
 * SITE_STORAGE_SCOPE_ID). `describedBytes` is kept on the site row only: every
 * stored_blobs row's size, so reclaimable = describedBytes - uniqueBytes.
 */
export const storageTotals = pgTable(
  "storage_totals",
  {
    scope: text().$type<"repository" | "namespace" | "site">().notNull(),
    scopeId: uuid().notNull(),
    // Distinct bytes the scope's tags reach: what it keeps stored.
    uniqueBytes: bigint({ mode: "number" }).notNull().default(0),
    // Each tag's total size, summed over tags: what the scope would take without sharing.
    taggedBytes: bigint({ mode: "number" }).notNull().default(0),
    // Tags whose manifest is not described yet: the figures leave them out.
    pendingTags: integer().notNull().default(0),
    describedBytes: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.scopeId] }),
    check("storage_totals_scope", sql`${t.scope} in ('repository', 'namespace', 'site')`),
  ],
);
