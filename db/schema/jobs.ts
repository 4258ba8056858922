import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The durable job queue (an outbox in PostgreSQL, so it works on the embedded database too).
 * Jobs are written in the same transaction as the change that causes them, claimed with
 * `FOR UPDATE SKIP LOCKED` (several console processes never take the same job), and leased:
 * a job whose process died while running is taken again once `locked_until` has passed.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid().primaryKey().defaultRandom(),
    queue: text().$type<"webhook-delivery" | "email" | "retention-run" | "build">().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().$type<"queued" | "running" | "succeeded" | "failed">().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull(),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    lockedBy: text(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("jobs_queued_run_at_idx")
      .on(t.runAt)
      .where(sql`${t.status} = 'queued'`),
    index("jobs_running_locked_until_idx")
      .on(t.lockedUntil)
      .where(sql`${t.status} = 'running'`),
    index("jobs_finished_at_idx")
      .on(t.finishedAt)
      .where(sql`${t.finishedAt} is not null`),
    check("jobs_status", sql`${t.status} in ('queued', 'running', 'succeeded', 'failed')`),
  ],
);
