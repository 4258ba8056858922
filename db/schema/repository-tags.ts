import { bigint, date, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { repositories } from "./repositories";

/**
 * The index of what a repository holds: one row per tag, kept current from the registry's push,
 * pull and delete events and repaired by reconciliation. Tag pages read only this table (joined
 * to image_manifests), never the registry, so they stay fast with 100,000 tags.
 */
export const repositoryTags = pgTable(
  "repository_tags",
  {
    repositoryId: uuid()
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    name: text().notNull(),
    digest: text().notNull(),
    mediaType: text().notNull(),
    pushedAt: timestamp({ withTimezone: true }).notNull(),
    // The account name the registry put in the event (the token's subject); kept as text so the
    // history survives the account.
    pushedBy: text(),
    lastPulledAt: timestamp({ withTimezone: true }),
    pullCount: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    // The primary key is also the index for repository_id and for sorting by name.
    primaryKey({ columns: [t.repositoryId, t.name] }),
    index("repository_tags_repository_id_pushed_at_idx").on(t.repositoryId, t.pushedAt.desc().nullsFirst(), t.name),
    index("repository_tags_digest_idx").on(t.digest),
    // `?q=` on the tag list is a substring match (ilike '%q%'): trigrams answer it from the index.
    index("repository_tags_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
  ],
);

/** Pulls per repository and UTC day, for the chart on the repository page. */
export const repositoryPullDays = pgTable(
  "repository_pull_days",
  {
    repositoryId: uuid()
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    // The UTC day of the registry's event timestamp.
    day: date({ mode: "string" }).notNull(),
    pulls: bigint({ mode: "number" }).notNull().default(0),
  },
  // The primary key is also the index for repository_id (leading column).
  (t) => [primaryKey({ columns: [t.repositoryId, t.day] })],
);
