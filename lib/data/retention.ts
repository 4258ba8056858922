import "server-only";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { retentionPolicies, retentionRunRepositories, retentionRuns, users } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { listStoredRevisions } from "@/lib/registry/stored-revisions";
import type { RetentionManifest, RetentionRepository } from "@/lib/retention/evaluate";
import type { RetentionRule } from "@/lib/retention/rules";
import type { RetentionSchedule } from "@/lib/retention/schedule";

export type { RetentionArtifactRecord } from "@/db/schema";

/** Callers pass a namespace id lib/authz/retention.ts let them manage. */
export type RetentionPolicyView = {
  rules: RetentionRule[];
  schedule: RetentionSchedule;
  nextRunAt: Date | null;
  updatedBy: string | null;
  updatedAt: Date | null;
};

export function scheduleOf(kind: string, cron: string | null): RetentionSchedule {
  if (kind === "cron" && cron) return { kind: "cron", cron };
  if (kind === "daily" || kind === "weekly") return { kind };
  return { kind: "none" };
}

/** A namespace's policy; no row yet reads as no rules, run by hand only. */
export async function getRetentionPolicy(namespaceId: string): Promise<RetentionPolicyView> {
  const [row] = await getDb()
    .select({
      rules: retentionPolicies.rules,
      scheduleKind: retentionPolicies.scheduleKind,
      scheduleCron: retentionPolicies.scheduleCron,
      nextRunAt: retentionPolicies.nextRunAt,
      updatedBy: users.username,
      updatedAt: retentionPolicies.updatedAt,
    })
    .from(retentionPolicies)
    .leftJoin(users, eq(users.id, retentionPolicies.updatedById))
    .where(eq(retentionPolicies.namespaceId, namespaceId));
  if (!row) return { rules: [], schedule: { kind: "none" }, nextRunAt: null, updatedBy: null, updatedAt: null };
  return {
    rules: row.rules,
    schedule: scheduleOf(row.scheduleKind, row.scheduleCron),
    nextRunAt: row.nextRunAt,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

/** Whether untagged manifests can be listed: only from the console's own registry storage. */
export function untaggedListable(): boolean {
  return Boolean(getEnv().FRONT_DOOR_STORAGE_DIR);
}

const runColumns = {
  id: retentionRuns.id,
  namespaceId: retentionRuns.namespaceId,
  dryRun: retentionRuns.dryRun,
  status: retentionRuns.status,
  trigger: retentionRuns.trigger,
  triggeredBy: users.username,
  rules: retentionRuns.rules,
  repositories: retentionRuns.repositories,
  retained: retentionRuns.retained,
  deleted: retentionRuns.deleted,
  bytesFreed: retentionRuns.bytesFreed,
  untaggedListed: retentionRuns.untaggedListed,
  error: retentionRuns.error,
  createdAt: retentionRuns.createdAt,
  startedAt: retentionRuns.startedAt,
  finishedAt: retentionRuns.finishedAt,
};

export type RetentionRunRow = Awaited<ReturnType<typeof listRetentionRuns>>["items"][number];

/** A namespace's runs, newest first, one page. */
export async function listRetentionRuns(namespaceId: string, page: number, pageSize: number) {
  const db = getDb();
  const [items, [{ n } = { n: 0 }]] = await Promise.all([
    db
      .select(runColumns)
      .from(retentionRuns)
      .leftJoin(users, eq(users.id, retentionRuns.triggeredById))
      .where(eq(retentionRuns.namespaceId, namespaceId))
      .orderBy(desc(retentionRuns.createdAt), desc(retentionRuns.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(retentionRuns).where(eq(retentionRuns.namespaceId, namespaceId)),
  ]);
  return { items, total: n };
}

/** One run with what it did per repository (repositories by name), or null. */
export async function getRetentionRun(namespaceId: string, runId: string) {
  const db = getDb();
  const [run] = await db
    .select(runColumns)
    .from(retentionRuns)
    .leftJoin(users, eq(users.id, retentionRuns.triggeredById))
    .where(and(eq(retentionRuns.id, runId), eq(retentionRuns.namespaceId, namespaceId)));
  if (!run) return null;
  const results = await db
    .select()
    .from(retentionRunRepositories)
    .where(eq(retentionRunRepositories.runId, runId))
    .orderBy(retentionRunRepositories.repository);
  return { ...run, results };
}
export type RetentionRunDetail = NonNullable<Awaited<ReturnType<typeof getRetentionRun>>>;

/**
 * What a run decides from: every active repository of the namespace with its tagged manifests
 * (the index: tags with push and pull times, an index's children from manifest_references) and,
 * from the console's own registry storage, the manifests no tag points at. One query for the
 * tags and one for the children, however many repositories: 100,000 tags load in well under a
 * second (bench/notes/retention.md).
 */
export async function loadRetentionRepositories(
  namespaceId: string,
  opts: { storageDir?: string; namespaceName: string },
): Promise<RetentionRepository[]> {
  const db = getDb();
  const { rows } = await db.execute<{
    repository: string;
    tag: string;
    digest: string;
    pushed_at: Date;
    last_pulled_at: Date | null;
  }>(sql`
    select r.name as repository, t.name as tag, t.digest, t.pushed_at, t.last_pulled_at
    from repositories r join repository_tags t on t.repository_id = r.id
    where r.namespace_id = ${namespaceId}::uuid and r.status = 'active'`);
  const repos = new Map<string, Map<string, RetentionManifest>>();
  for (const r of (
    await db.execute<{ name: string }>(
      sql`select name from repositories where namespace_id = ${namespaceId}::uuid and status = 'active'`,
    )
  ).rows)
    repos.set(r.name, new Map());
  for (const r of rows) {
    const manifests = repos.get(r.repository)!;
    let m = manifests.get(r.digest);
    if (!m) {
      m = { digest: r.digest, tags: [], children: [], pushedAt: null };
      manifests.set(r.digest, m);
    }
    m.tags.push({
      name: r.tag,
      pushedAt: new Date(r.pushed_at),
      lastPulledAt: r.last_pulled_at ? new Date(r.last_pulled_at) : null,
    });
  }
  const children = new Map<string, string[]>();
  const refs = await db.execute<{ manifest_digest: string; digest: string }>(sql`
    select manifest_digest, digest from manifest_references
    where kind = 'manifest' and manifest_digest in (
      select t.digest from repositories r join repository_tags t on t.repository_id = r.id
      where r.namespace_id = ${namespaceId}::uuid and r.status = 'active')`);
  for (const r of refs.rows) children.set(r.manifest_digest, [...(children.get(r.manifest_digest) ?? []), r.digest]);
  const out: RetentionRepository[] = [];
  for (const [name, manifests] of repos) {
    for (const m of manifests.values()) m.children = children.get(m.digest) ?? [];
    if (opts.storageDir) {
      const known = new Set(manifests.keys());
      for (const rev of await listStoredRevisions(opts.storageDir, `${opts.namespaceName}/${name}`, known))
        manifests.set(rev.digest, { digest: rev.digest, tags: [], children: rev.children, pushedAt: rev.writtenAt });
    }
    out.push({ name, manifests: [...manifests.values()] });
  }
  return out;
}
