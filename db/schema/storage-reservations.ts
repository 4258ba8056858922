import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Bytes a manifest push was allowed to add to its namespace under its storage quota, from the
 * moment the front door let the PUT through until the storage counters include the tag
 * (lib/services/storage/reserve-push.ts). Without them, pushes arriving together would each be
 * checked against a usage that counts none of the others, and all pass.
 *
 * A reservation stops counting once storage_tags holds its tag at its digest (counted), when the
 * registry refused the PUT (released at once), or at `expiresAt`, whichever comes first; stale
 * rows are deleted by the next reservation in the namespace. No foreign keys: a reservation must
 * not block deleting its repository or namespace, and one that outlives them counts for nothing.
 */
export const storageReservations = pgTable(
  "storage_reservations",
  {
    id: uuid().primaryKey().defaultRandom(),
    namespaceId: uuid().notNull(),
    repositoryId: uuid().notNull(),
    tag: text().notNull(),
    digest: text().notNull(),
    bytes: bigint({ mode: "number" }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("storage_reservations_namespace_id_idx").on(t.namespaceId)],
);
