import { sql } from "drizzle-orm";
import { bigint, check, date, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

/**
 * The storage figures as they stood once a UTC day, for the operator's chart of storage over time
 * (Admin → Storage). Copied from storage_totals by the snapshot loop (lib/jobs/storage-snapshots.ts)
 * for the site and every namespace; the primary key makes a second copy of the same day (another
 * console process, a restart) a no-op.
 */
export const storageSnapshots = pgTable(
  "storage_snapshots",
  {
    day: date({ mode: "string" }).notNull(),
    scope: text().$type<"namespace" | "site">().notNull(),
    scopeId: uuid().notNull(),
    uniqueBytes: bigint({ mode: "number" }).notNull(),
    taggedBytes: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.scope, t.scopeId] }),
    check("storage_snapshots_scope", sql`${t.scope} in ('namespace', 'site')`),
  ],
);

/**
 * The last storage quota level each namespace's owners were told of (0: below 80 %, 80, 100), so
 * each crossing notifies once: raised only by the one process whose conditional update changes
 * it (lib/services/storage/notify-quota-levels.ts), lowered silently when usage falls back, which
 * re-arms the next crossing. No foreign key, as the other storage tables: a deleted namespace's
 * row is dropped with its figures.
 */
export const storageQuotaLevels = pgTable(
  "storage_quota_levels",
  {
    namespaceId: uuid().primaryKey(),
    level: integer().notNull(),
  },
  (t) => [check("storage_quota_levels_level", sql`${t.level} in (0, 80, 100)`)],
);
