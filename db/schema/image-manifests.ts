import { sql } from "drizzle-orm";
import { bigint, check, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { IndexedPlatform } from "../../lib/registry/types";

/**
 * What the index knows of a manifest, by digest. Content-addressed, so a row never changes once
 * written and is shared by every tag (in any repository) that points at the digest. Filled in by
 * the indexer from the registry (manifest, child manifests, configs) after a push event.
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
  },
  (t) => [check("image_manifests_kind", sql`${t.kind} in ('image', 'index')`)],
);
