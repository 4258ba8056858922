import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { RetentionRule } from "../../lib/retention/rules";
import { namespaces } from "./namespaces";
import { users } from "./users";

/**
 * A namespace's tag retention policy (Harbor/TCR semantics, lib/retention/evaluate.ts): up to 15
 * rules combined with OR, and when it runs by itself. The rules are one JSON list, replaced whole
 * (their order is their number in run records), so a policy is never half-saved.
 */
export const retentionPolicies = pgTable(
  "retention_policies",
  {
    namespaceId: uuid()
      .primaryKey()
      .references(() => namespaces.id, { onDelete: "cascade" }),
    rules: jsonb().$type<RetentionRule[]>().notNull().default([]),
    scheduleKind: text().$type<"none" | "daily" | "weekly" | "cron">().notNull().default("none"),
    // The five-field expression of a "cron" schedule (UTC).
    scheduleCron: text(),
    // When the scheduler starts the next run (null: no schedule). Claimed with FOR UPDATE SKIP
    // LOCKED and moved forward in the same transaction, so two consoles never start the same slot.
    nextRunAt: timestamp({ withTimezone: true }),
    updatedById: uuid().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("retention_policies_next_run_at_idx")
      .on(t.nextRunAt)
      .where(sql`${t.nextRunAt} is not null`),
    check("retention_policies_schedule_kind", sql`${t.scheduleKind} in ('none', 'daily', 'weekly', 'cron')`),
  ],
);

/** One run of a policy (dry or real), with its totals; per repository in retention_run_repositories. */
export const retentionRuns = pgTable(
  "retention_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    namespaceId: uuid()
      .notNull()
      .references(() => namespaces.id, { onDelete: "cascade" }),
    dryRun: boolean().notNull(),
    status: text().$type<"queued" | "running" | "succeeded" | "failed">().notNull().default("queued"),
    trigger: text().$type<"manual" | "schedule">().notNull(),
    triggeredById: uuid().references(() => users.id, { onDelete: "set null" }),
    // The slot a scheduled run was started for (unique per namespace: one run per slot).
    scheduledFor: timestamp({ withTimezone: true }),
    // The rules as they were when the run started, for its record.
    rules: jsonb().$type<RetentionRule[]>().notNull(),
    repositories: integer().notNull().default(0),
    retained: integer().notNull().default(0),
    deleted: integer().notNull().default(0),
    bytesFreed: bigint({ mode: "number" }).notNull().default(0),
    // Whether manifests without tags could be listed (not with an external registry).
    untaggedListed: boolean(),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("retention_runs_namespace_id_created_at_idx").on(t.namespaceId, t.createdAt.desc()),
    // One run at a time per namespace.
    uniqueIndex("retention_runs_one_active_idx")
      .on(t.namespaceId)
      .where(sql`${t.status} in ('queued', 'running')`),
    uniqueIndex("retention_runs_scheduled_slot_idx").on(t.namespaceId, t.scheduledFor),
    check("retention_runs_status", sql`${t.status} in ('queued', 'running', 'succeeded', 'failed')`),
    check("retention_runs_trigger", sql`${t.trigger} in ('manual', 'schedule')`),
  ],
);

export type RetentionArtifactRecord = { digest: string; tags: string[]; reasons?: string[]; kind?: string };

/** What a run did (or, dry, would do) in one repository. */
export const retentionRunRepositories = pgTable(
  "retention_run_repositories",
  {
    runId: uuid()
      .notNull()
      .references(() => retentionRuns.id, { onDelete: "cascade" }),
    repository: text().notNull(),
    retainedCount: integer().notNull(),
    deletedCount: integer().notNull(),
    bytesFreed: bigint({ mode: "number" }).notNull(),
    retainedArtifacts: jsonb().$type<RetentionArtifactRecord[]>().notNull(),
    deletedArtifacts: jsonb().$type<RetentionArtifactRecord[]>().notNull(),
    untouchedUntagged: integer().notNull().default(0),
    // A real run that could not delete here (the rest of the run went on).
    error: text(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.repository] })],
);
