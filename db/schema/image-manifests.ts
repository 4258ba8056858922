import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { IndexedPlatform } from "../../lib/registry/types";

/**
 * What the index knows of a manifest, by digest. Content-addressed, so a row never changes once
 * complete (see below) and is shared by every tag (in any repository) that points at the digest. Filled in by
 * the indexer from the registry (manifest, child manifests, configs) after a push event. The
 * child manifests of an index get rows of their own (kind image), written with the index's.
 *
 * What the manifest references (config, layers, child manifests) is in manifest_references,
 * written in the same transaction as the row; `manifestSize` and `totalSize` are set with them, so
 * a row whose `manifestSize` is null was described before references were recorded (migration
 * 0020) and waits for the index maintenance sweep to re-read it from the registry.
 */
export const imageManifests = pgTable(
  "image_manifests",
  {
    digest: text().primaryKey(),
    mediaType: text().notNull(),
    kind: text().$type<"image" | "index">().notNull(),
    // Compressed bytes of every layer: one image's, or the sum over an index's platforms.
    size: bigint({ mode: "number" }).notNull(),
    platforms: jsonb().$type<IndexedPlatform[]>().notNull(),
    // The config of a single-platform image (null for an index).
    configDigest: text(),
    // `created` from the image config (the first platform's for an index).
    imageCreatedAt: timestamp({ withTimezone: true }),
    layerCount: integer().notNull(),
    indexedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Bytes of the manifest itself (its JSON as the registry serves it).
    manifestSize: bigint({ mode: "number" }),
    // Bytes of everything one tag on this manifest keeps stored, each digest once: the manifest,
    // its config and layers, and for an index its child manifests with their configs and layers.
    totalSize: bigint({ mode: "number" }),
  },
  (t) => [
    check("image_manifests_kind", sql`${t.kind} in ('image', 'index')`),
    // The sweep's backfill looks for rows without references; once caught up the index is empty.
    index("image_manifests_unreferenced_idx")
      .on(t.digest)
      .where(sql`${t.manifestSize} is null`),
  ],
);
