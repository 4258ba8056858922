import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { namespaces } from "./namespaces";
import { users } from "./users";

/**
 * Immutable tag rules (Harbor-style): a tag of a repository of the namespace matched by both
 * doublestar globs can be pushed once and then neither moved to another digest nor deleted
 * (lib/immutable-tags, enforced at the front door and by the console's tag deletion).
 */
export const immutableTagRules = pgTable(
  "immutable_tag_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    namespaceId: uuid()
      .notNull()
      .references(() => namespaces.id, { onDelete: "cascade" }),
    /** Matched against the repository's name inside the namespace (`app`, `team/app`). */
    repositoryPattern: text().notNull(),
    tagPattern: text().notNull(),
    // The author may leave; the rule stays.
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("immutable_tag_rules_namespace_id_idx").on(t.namespaceId, t.createdAt)],
);
