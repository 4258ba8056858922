import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Runs of the job that rebuilds the index from the registry itself (catalog, tag lists,
 * manifests). A running row is the lease: at most one run per scope at a time across console
 * processes; a run whose heartbeat stopped is taken over.
 */
export const indexReconciliations = pgTable(
  "index_reconciliations",
  {
    id: uuid().primaryKey().defaultRandom(),
    // "*" for the whole registry, else one repository path (`namespace/name`).
    scope: text().notNull(),
    reason: text()
      .$type<"manual" | "startup" | "registry-recovered" | "unclean-stop" | "garbage-collection">()
      .notNull(),
    status: text().$type<"running" | "succeeded" | "failed">().notNull().default("running"),
    requestedById: uuid().references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    heartbeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    repositories: integer().notNull().default(0),
    tagsAdded: integer().notNull().default(0),
    tagsUpdated: integer().notNull().default(0),
    tagsRemoved: integer().notNull().default(0),
    error: text(),
  },
  (t) => [
    uniqueIndex("index_reconciliations_running_scope_idx")
      .on(t.scope)
      .where(sql`${t.status} = 'running'`),
    index("index_reconciliations_scope_started_at_idx").on(t.scope, t.startedAt.desc().nullsFirst()),
    index("index_reconciliations_requested_by_id_idx").on(t.requestedById),
    check("index_reconciliations_status", sql`${t.status} in ('running', 'succeeded', 'failed')`),
  ],
);

export type IndexReconciliation = typeof indexReconciliations.$inferSelect;
