import { sql } from "drizzle-orm";
import { check, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
  },
  (t) => [check("namespaces_name_format", sql`${t.name} ~ '^[a-z0-9]{4,30}$'`)],
);
