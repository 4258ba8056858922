import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { imageManifests } from "./image-manifests";

/**
 * What a described manifest references, with the sizes its descriptors give: an image's config
 * and layers, an index's child manifests (each of which has its own image_manifests row and its
 * own references). Content-addressed like image_manifests: written once, in the transaction that
 * writes the manifest's row, and never changed. A layer listed twice in one manifest is one row.
 */
export const manifestReferences = pgTable(
  "manifest_references",
  {
    manifestDigest: text()
      .notNull()
      .references(() => imageManifests.digest, { onDelete: "cascade" }),
    digest: text().notNull(),
    kind: text().$type<"config" | "layer" | "manifest">().notNull(),
    size: bigint({ mode: "number" }).notNull(),
    mediaType: text().notNull(),
  },
  (t) => [
    // Also the index for "what does this manifest reference" (leading column).
    primaryKey({ columns: [t.manifestDigest, t.digest] }),
    // "Which manifests reference this blob", for deciding what a deletion frees.
    index("manifest_references_digest_idx").on(t.digest),
    check("manifest_references_kind", sql`${t.kind} in ('config', 'layer', 'manifest')`),
  ],
);
