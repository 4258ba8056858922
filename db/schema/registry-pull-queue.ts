import { bigserial, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { repositories } from "./repositories";

/**
 * Pulls stored but not yet added to the pull counters. The event endpoint only appends here (in
 * the statement that stores the events, so a pull is queued exactly when its event is new); the
 * roll-up takes rows off in batches and adds them to the tag, repository and daily counters in the
 * same transaction, so each pull is counted exactly once and the hot counter rows are not locked
 * by every envelope.
 *
 * Only raw SQL reads and writes it (lib/services/registry-event/record.ts and roll-up-pulls.ts:
 * set-based statements with array parameters); the definition stays so drizzle-kit's schema
 * matches the migrations (without it the next generated migration would drop the table).
 */
export const registryPullQueue = pgTable(
  "registry_pull_queue",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    repositoryId: uuid()
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    tag: text().notNull(),
    pulledAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("registry_pull_queue_repository_id_idx").on(t.repositoryId)],
);
