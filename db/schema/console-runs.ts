import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One row per running web server (scripts/web-server.ts), deleted when it stops cleanly. A row
 * left behind is an unclean stop (crash, SIGKILL, power loss): the next web server to start finds
 * it (its pid is gone on this host, or its heartbeat stopped) and reconciles the repositories it
 * touched, because writes the registry accepted may never have reached the index (the event was
 * lost with the process, or the registry's in-memory retry queue with it).
 */
export const consoleRuns = pgTable("console_runs", {
  id: uuid().primaryKey().defaultRandom(),
  hostname: text().notNull(),
  pid: integer().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  // Every 15 s; older than 60 s means dead, for runs on other hosts whose pid cannot be checked.
  heartbeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  // When another process found this run dead; the row goes once its repositories are reconciled.
  stoppedAt: timestamp({ withTimezone: true }),
});

/**
 * The repositories a run passed a write for (push, upload, delete), recorded before the registry
 * sees the write, so a crash right after it still leaves the repository on the list.
 */
export const consoleRunRepositories = pgTable(
  "console_run_repositories",
  {
    runId: uuid()
      .notNull()
      .references(() => consoleRuns.id, { onDelete: "cascade" }),
    // `namespace/name`, as the distribution API names it.
    repository: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.repository] })],
);

export type ConsoleRun = typeof consoleRuns.$inferSelect;
