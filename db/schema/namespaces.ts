import { sql } from "drizzle-orm";
import { bigint, boolean, check, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const namespaceKind = pgEnum("namespace_kind", ["user", "org"]);
export const visibility = pgEnum("visibility", ["public", "private"]);

/**
 * One table for every name that can own repositories, so a user and an organization can never
 * share a name (Docker Hub's rule): the unique index on `name` enforces it.
 */
export const namespaces = pgTable(
  "namespaces",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull().unique(),
    kind: namespaceKind().notNull(),
    defaultVisibility: visibility().notNull().default("public"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // The operator's storage quota for this namespace, overriding the site default
    // (storage.default_quota_bytes): off = the site default applies; on with bytes = its own
    // quota; on with null = no limit. Read through effectiveStorageQuota (lib/authz/rules/storage-quota.ts).
    storageQuotaOverride: boolean().notNull().default(false),
    storageQuotaBytes: bigint({ mode: "number" }),
  },
  (t) => [
    check("namespaces_name_format", sql`${t.name} ~ '^[a-z0-9]{4,30}$'`),
    check(
      "namespaces_storage_quota",
      sql`(${t.storageQuotaOverride} or ${t.storageQuotaBytes} is null) and (${t.storageQuotaBytes} is null or ${t.storageQuotaBytes} > 0)`,
    ),
  ],
);
