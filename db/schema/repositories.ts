import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { namespaces, visibility } from "./namespaces";
import { users } from "./users";

/** `deleting`: the console is removing its manifests from the registry; the row goes when that is done. */
export const repositoryStatus = pgEnum("repository_status", ["active", "deleting"]);

/**
 * A repository is `<namespace>/<name>`. It exists once created in the console or on the first push
 * into a namespace the pusher may write to, with the namespace's default visibility.
 */
export const repositories = pgTable(
  "repositories",
  {
    id: uuid().primaryKey().defaultRandom(),
    // Restrict: a namespace is deleted only after its repositories were removed from the registry.
    namespaceId: uuid()
      .notNull()
      .references(() => namespaces.id, { onDelete: "restrict" }),
    name: text().notNull(),
    visibility: visibility().notNull(),
    status: repositoryStatus().notNull().default("active"),
    description: text().notNull().default(""),
    overview: text().notNull().default(""),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastPushedAt: timestamp({ withTimezone: true }),
    pullCount: bigint({ mode: "number" }).notNull().default(0),
    starCount: integer().notNull().default(0),
    // Tags in the index, kept exact by statement-level triggers on repository_tags (migration
    // 0009), so a tag list of 100,000 tags answers its total without counting them each time.
    tagCount: integer().notNull().default(0),
  },
  (t) => [
    // Also the index for namespace_id (leading column).
    unique("repositories_namespace_id_name_unique").on(t.namespaceId, t.name),
    index("repositories_created_by_id_idx").on(t.createdById),
    index("repositories_visibility_idx").on(t.visibility),
    check(
      "repositories_name_format",
      sql`${t.name} ~ '^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$' and length(${t.name}) <= 200`,
    ),
    check("repositories_description_length", sql`length(${t.description}) <= 100`),
  ],
);
