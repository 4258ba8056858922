import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
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
import type { BuildRuleInput } from "../../lib/validations/build-settings";
import { buildRules } from "./builds";
import { repositories } from "./repositories";
import { users } from "./users";

export const BUILD_STATUSES = ["queued", "cloning", "building", "pushing", "succeeded", "failed", "cancelled"] as const;
export type BuildStatus = (typeof BUILD_STATUSES)[number];
/** Statuses a build leaves only by finishing: the worker holds it. */
export const RUNNING_BUILD_STATUSES = ["cloning", "building", "pushing"] as const satisfies readonly BuildStatus[];
export const FINISHED_BUILD_STATUSES = ["succeeded", "failed", "cancelled"] as const satisfies readonly BuildStatus[];
/** Statuses a build can still be cancelled in: waiting for a worker, or held by one. */
export const ACTIVE_BUILD_STATUSES = ["queued", ...RUNNING_BUILD_STATUSES] as const satisfies readonly BuildStatus[];
export const isFinishedBuild = (status: string): boolean =>
  (FINISHED_BUILD_STATUSES as readonly string[]).includes(status);
export const isActiveBuild = (status: string): boolean => (ACTIVE_BUILD_STATUSES as readonly string[]).includes(status);
export const BUILD_TRIGGERS = ["manual", "webhook", "retry"] as const;
export type BuildTrigger = (typeof BUILD_TRIGGERS)[number];

/** What a build was made from: the rule as it was when the build was queued (rules change later). */
export type BuildRecipe = Omit<BuildRuleInput, "enabled"> & { gitUrl: string };

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * One build of a repository (issue 23): queued by "Build now", a Git host's push webhook or a
 * retry, run by the "build" job (lib/services/build/execute.ts). `number` counts a repository's
 * builds from 1, as Docker Hub and CI systems show them. The push credential (a secret only the
 * build's own push knows, lib/services/build/push-credential.ts) is kept hashed and is refused
 * once the build has finished.
 */
export const builds = pgTable(
  "builds",
  {
    id: uuid().primaryKey().defaultRandom(),
    repositoryId: uuid()
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    ruleId: uuid().references(() => buildRules.id, { onDelete: "set null" }),
    status: text().$type<BuildStatus>().notNull().default("queued"),
    trigger: text().$type<BuildTrigger>().notNull(),
    // github | gitlab | gitea | generic for webhook builds; the build retried for retries.
    triggerSource: text(),
    retryOfId: uuid(),
    startedById: uuid().references(() => users.id, { onDelete: "set null" }),
    // The branch or tag name the build is for (never a full refs/… path), and its commit once known.
    ref: text().notNull(),
    commit: text(),
    recipe: jsonb().$type<BuildRecipe>().notNull(),
    // The tag the rule's template gave, once the commit is known (a webhook knows it up front).
    imageTag: text(),
    digest: text(),
    error: text(),
    cancelRequested: boolean().notNull().default(false),
    pushSecretHash: text(),
    workerId: text(),
    logBytes: bigint({ mode: "number" }).notNull().default(0),
    logTruncated: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("builds_repository_id_number_idx").on(t.repositoryId, t.number),
    index("builds_repository_id_created_at_idx").on(t.repositoryId, t.createdAt.desc()),
    index("builds_rule_id_idx").on(t.ruleId),
    index("builds_started_by_id_idx").on(t.startedById),
    index("builds_active_idx")
      .on(t.status)
      .where(sql`${t.status} in ('queued', 'cloning', 'building', 'pushing')`),
    check(
      "builds_status",
      sql`${t.status} in ('queued', 'cloning', 'building', 'pushing', 'succeeded', 'failed', 'cancelled')`,
    ),
    check("builds_trigger", sql`${t.trigger} in ('manual', 'webhook', 'retry')`),
  ],
);

/**
 * A build's log in pieces, appended while it runs (a piece every ~250 ms or 64 KB), so every
 * console process can stream it live from the database and the whole log never sits in memory.
 */
export const buildLogChunks = pgTable(
  "build_log_chunks",
  {
    buildId: uuid()
      .notNull()
      .references(() => builds.id, { onDelete: "cascade" }),
    seq: integer().notNull(),
    data: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.buildId, t.seq] })],
);
