import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Raw notification events as the registry sent them. The registry retries failed deliveries,
 * so the event id is the primary key and inserts ignore duplicates.
 */
export const registryEvents = pgTable(
  "registry_events",
  {
    id: text().primaryKey(),
    action: text().notNull(),
    repository: text().notNull(),
    tag: text(),
    digest: text(),
    mediaType: text(),
    size: bigint({ mode: "number" }),
    actor: text(),
    requestMethod: text(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    payload: jsonb().notNull(),
  },
  (t) => [
    index("registry_events_repository_occurred_at_idx").on(t.repository, t.occurredAt),
    // The last push of a tag (the digest a per-tag delete event leaves out), without scanning pulls.
    index("registry_events_push_tag_idx")
      .on(t.repository, t.tag, t.occurredAt)
      .where(sql`${t.action} = 'push'`),
  ],
);
