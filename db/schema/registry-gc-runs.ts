import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Garbage-collection runs of the registry the console starts (lib/jobs/registry-gc.ts). A row is
 * queued by an operator or the schedule, claimed by one web server whose console owns a registry
 * (FOR UPDATE SKIP LOCKED), and kept as the record of what the run did.
 *
 * At most one run is queued or running at a time, across every console on the database: the
 * partial unique index below refuses a second one, so "only one GC at a time" holds even when two
 * operators press the button on two consoles at once.
 *
 * While `readOnlySince` is set and `readOnlyUntil` is not, on a running row, the front door refuses
 * writes (lib/front-door/rules.ts); a trigger (custom migration) announces every change on
 * `access_changed` so each console's cached copy of that window is emptied at once.
 */
export const registryGcRuns = pgTable(
  "registry_gc_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    trigger: text().$type<"manual" | "schedule">().notNull(),
    requestedById: uuid().references(() => users.id, { onDelete: "set null" }),
    status: text().$type<"queued" | "running" | "succeeded" | "failed" | "interrupted">().notNull().default("queued"),
    // The schedule's slot a scheduled run is for: unique, so two consoles queue it once.
    scheduledFor: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    // The web server running it (`hostname` + pid) and its liveness, to tell a crash from a long run.
    ownerHostname: text(),
    ownerPid: integer(),
    heartbeatAt: timestamp({ withTimezone: true }),
    readOnlySince: timestamp({ withTimezone: true }),
    readOnlyUntil: timestamp({ withTimezone: true }),
    // What the index called reclaimable when the run started (lib/data/storage.ts).
    predictedBytes: bigint({ mode: "number" }),
    // Bytes and count of the blob files under the storage's blobs directory, before and after.
    bytesBefore: bigint({ mode: "number" }),
    bytesAfter: bigint({ mode: "number" }),
    blobsBefore: integer(),
    blobsRemoved: integer(),
    // garbage-collect's output, its last GC_LOG_LIMIT characters (lib/runtime/registry-maintenance-protocol.ts).
    log: text().notNull().default(""),
    error: text(),
  },
  (t) => [
    uniqueIndex("registry_gc_runs_one_active_idx")
      .on(sql`(true)`)
      .where(sql`${t.status} in ('queued', 'running')`),
    uniqueIndex("registry_gc_runs_scheduled_for_idx").on(t.scheduledFor),
    index("registry_gc_runs_created_at_idx").on(t.createdAt.desc()),
    index("registry_gc_runs_requested_by_id_idx").on(t.requestedById),
    check("registry_gc_runs_status", sql`${t.status} in ('queued', 'running', 'succeeded', 'failed', 'interrupted')`),
    check("registry_gc_runs_trigger", sql`${t.trigger} in ('manual', 'schedule')`),
  ],
);

export type RegistryGcRun = typeof registryGcRuns.$inferSelect;
