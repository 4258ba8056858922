import "server-only";
import { and, asc, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { buildLogChunks, buildRules, builds, buildSettings, namespaces, repositories, users } from "@/db/schema";
import { RUNNING_BUILD_STATUSES, type BuildStatus } from "@/db/schema/build-records";

/** A build as its record and list show it. */
export type BuildView = {
  id: string;
  number: number;
  status: BuildStatus;
  trigger: "manual" | "webhook" | "retry";
  triggerSource: string | null;
  ruleId: string | null;
  ref: string;
  sourceType: "branch" | "tag";
  commit: string | null;
  imageTag: string | null;
  digest: string | null;
  error: string | null;
  startedBy: string | null;
  /** The number of the build this one retried (trigger "retry"). */
  retryOf: number | null;
  cancelRequested: boolean;
  logBytes: number;
  logTruncated: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  dockerfilePath: string;
  tagTemplate: string;
};

// The build a retry retried, for "Retry of #n".
const retried = alias(builds, "retried");

const viewColumns = {
  id: builds.id,
  number: builds.number,
  status: builds.status,
  trigger: builds.trigger,
  triggerSource: builds.triggerSource,
  ruleId: builds.ruleId,
  ref: builds.ref,
  recipe: builds.recipe,
  commit: builds.commit,
  imageTag: builds.imageTag,
  digest: builds.digest,
  error: builds.error,
  startedBy: users.username,
  retryOf: retried.number,
  cancelRequested: builds.cancelRequested,
  logBytes: builds.logBytes,
  logTruncated: builds.logTruncated,
  createdAt: builds.createdAt,
  startedAt: builds.startedAt,
  finishedAt: builds.finishedAt,
};

function toView({ recipe, ...r }: Awaited<ReturnType<typeof selectViews>>[number]): BuildView {
  return {
    ...r,
    sourceType: recipe.sourceType,
    dockerfilePath: recipe.dockerfilePath,
    tagTemplate: recipe.tagTemplate,
  };
}

function selectViews() {
  return getDb()
    .select(viewColumns)
    .from(builds)
    .leftJoin(users, eq(users.id, builds.startedById))
    .leftJoin(retried, eq(retried.id, builds.retryOfId));
}

/** A repository's builds, newest first, a page at a time (callers checked access through lib/authz). */
export async function listBuilds(
  repositoryId: string,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: BuildView[] }> {
  const [rows, [{ n } = { n: 0 }]] = await Promise.all([
    selectViews()
      .where(eq(builds.repositoryId, repositoryId))
      .orderBy(desc(builds.number))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    getDb().select({ n: count() }).from(builds).where(eq(builds.repositoryId, repositoryId)),
  ]);
  return { total: n, items: rows.map(toView) };
}

/** A build of a namespace's list: which repository it belongs to, and its record. */
export type NamespaceBuildView = BuildView & { repository: string };

/**
 * The latest builds across a namespace's active repositories, newest first, a page at a time
 * (callers checked through lib/authz that the viewer may read every repository of the namespace).
 */
export async function listNamespaceBuilds(
  namespaceId: string,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: NamespaceBuildView[] }> {
  const inNamespace = and(eq(repositories.namespaceId, namespaceId), eq(repositories.status, "active"));
  const [rows, [{ n } = { n: 0 }]] = await Promise.all([
    getDb()
      .select({ ...viewColumns, repository: repositories.name })
      .from(builds)
      .innerJoin(repositories, eq(repositories.id, builds.repositoryId))
      .leftJoin(users, eq(users.id, builds.startedById))
      .leftJoin(retried, eq(retried.id, builds.retryOfId))
      .where(inNamespace)
      .orderBy(desc(builds.createdAt), desc(builds.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    getDb()
      .select({ n: count() })
      .from(builds)
      .innerJoin(repositories, eq(repositories.id, builds.repositoryId))
      .where(inNamespace),
  ]);
  return { total: n, items: rows.map(({ repository, ...r }) => ({ ...toView(r), repository })) };
}

/** One build of a repository by its number, or null. */
export async function getBuild(repositoryId: string, number: number): Promise<BuildView | null> {
  const [row] = await selectViews().where(and(eq(builds.repositoryId, repositoryId), eq(builds.number, number)));
  return row ? toView(row) : null;
}

/** The build's status and log size, for the live log's poll of builds run by another console process. */
export async function getBuildProgress(buildId: string) {
  const [row] = await getDb()
    .select({ status: builds.status, logBytes: builds.logBytes, digest: builds.digest, imageTag: builds.imageTag })
    .from(builds)
    .where(eq(builds.id, buildId));
  return row ?? null;
}

/** Pieces of a build's log after `afterSeq`, in order, up to about `maxBytes` (at least one piece). */
export async function readBuildLog(
  buildId: string,
  afterSeq: number,
  maxBytes = 1024 * 1024,
): Promise<Array<{ seq: number; data: Buffer }>> {
  const out: Array<{ seq: number; data: Buffer }> = [];
  let bytes = 0;
  let after = afterSeq;
  // A page of pieces at a time: a 50 MB log is read in slices, never whole.
  while (bytes < maxBytes) {
    const rows = await getDb()
      .select({ seq: buildLogChunks.seq, data: buildLogChunks.data })
      .from(buildLogChunks)
      .where(and(eq(buildLogChunks.buildId, buildId), gt(buildLogChunks.seq, after)))
      .orderBy(asc(buildLogChunks.seq))
      .limit(16);
    for (const r of rows) {
      out.push(r);
      bytes += r.data.length;
      after = r.seq;
      if (bytes >= maxBytes) break;
    }
    if (rows.length < 16) break;
  }
  return out;
}

/** Builds waiting for a worker across the site, oldest first: a queued build's place in the queue. */
export async function buildQueuePosition(buildId: string): Promise<number | null> {
  const [row] = await getDb()
    .execute<{ position: number | null }>(
      sql`
    select (select count(*)::int from builds q
            where q.status = 'queued' and (q.created_at, q.id) <= (b.created_at, b.id)) as position
    from builds b where b.id = ${buildId} and b.status = 'queued'`,
    )
    .then((r) => r.rows);
  return row?.position ?? null;
}

/** What the build job needs: the record, where it pushes, and the repository's sealed credential. */
export async function getBuildJob(buildId: string) {
  const [row] = await getDb()
    .select({
      build: builds,
      namespace: namespaces.name,
      name: repositories.name,
      namespaceId: namespaces.id,
      repositoryStatus: repositories.status,
      credentialKind: buildSettings.credentialKind,
      credentialEnc: buildSettings.credentialEnc,
      ruleAuthorId: buildRules.createdById,
    })
    .from(builds)
    .innerJoin(repositories, eq(repositories.id, builds.repositoryId))
    .innerJoin(namespaces, eq(namespaces.id, repositories.namespaceId))
    .leftJoin(buildSettings, eq(buildSettings.repositoryId, builds.repositoryId))
    .leftJoin(buildRules, eq(buildRules.id, builds.ruleId))
    .where(eq(builds.id, buildId));
  return row ?? null;
}

/** Builds of this host that were running when their console process stopped (see markInterruptedBuilds). */
export function listRunningBuilds() {
  return getDb()
    .select({ id: builds.id, workerId: builds.workerId })
    .from(builds)
    .where(inArray(builds.status, RUNNING_BUILD_STATUSES));
}

/** What the token service checks a build's push credential against (lib/services/build/push-credential.ts). */
export async function getBuildPushCredential(buildId: string) {
  const starter = alias(users, "starter");
  const author = alias(users, "rule_author");
  const [row] = await getDb()
    .select({
      hash: builds.pushSecretHash,
      status: builds.status,
      namespace: namespaces.name,
      namespaceId: namespaces.id,
      name: repositories.name,
      startedBy: starter.username,
      ruleAuthor: author.username,
    })
    .from(builds)
    .innerJoin(repositories, eq(repositories.id, builds.repositoryId))
    .innerJoin(namespaces, eq(namespaces.id, repositories.namespaceId))
    .leftJoin(starter, eq(starter.id, builds.startedById))
    .leftJoin(buildRules, eq(buildRules.id, builds.ruleId))
    .leftJoin(author, eq(author.id, buildRules.createdById))
    .where(eq(builds.id, buildId));
  return row ?? null;
}

/** Whether a build of the repository is running now (its layer cache is in use). */
export async function hasRunningBuild(repositoryId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: builds.id })
    .from(builds)
    .where(and(eq(builds.repositoryId, repositoryId), inArray(builds.status, RUNNING_BUILD_STATUSES)))
    .limit(1);
  return Boolean(row);
}
