import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { imageManifests, indexReconciliations, repositories, repositoryPullDays, repositoryTags } from "@/db/schema";
import type { IndexedPlatform } from "@/lib/registry/types";
import { likePattern } from "./repositories";

/**
 * Reads of the registry index (tags, manifests, pulls). Callers pass a repository id they got
 * from lib/authz/repository-viewer, which already decided the viewer may see the repository.
 */

export type TagSort = "name" | "pushed";

export type TagListItem = {
  name: string;
  digest: string;
  mediaType: string;
  pushedAt: Date;
  pushedBy: string | null;
  lastPulledAt: Date | null;
  pullCount: number;
  // Null until the indexer has described the digest (moments after a push).
  kind: "image" | "index" | null;
  size: number | null;
  platforms: IndexedPlatform[] | null;
};

// Tag columns, from the table itself or from a subquery over it (the page of listTags).
type TagSource = Record<
  "name" | "digest" | "mediaType" | "pushedAt" | "pushedBy" | "lastPulledAt" | "pullCount",
  AnyPgColumn
>;

// A tag and what the index knows of its manifest (left-joined: null until described).
function tagColumns<T extends TagSource>(t: T) {
  return {
    name: t.name,
    digest: t.digest,
    mediaType: t.mediaType,
    pushedAt: t.pushedAt,
    pushedBy: t.pushedBy,
    lastPulledAt: t.lastPulledAt,
    pullCount: t.pullCount,
    kind: imageManifests.kind,
    size: imageManifests.size,
    platforms: imageManifests.platforms,
  };
}

function tagOrder(t: TagSource, sort: TagSort) {
  // "pushed" matches the (repository_id, pushed_at desc, name) index, so the first page is an index
  // scan. The index must be DESC NULLS FIRST (plain desc) like this ORDER BY: built NULLS LAST (what
  // drizzle's index .desc() gives), PostgreSQL sorted all 100,000 tags instead (see bench/notes).
  return sort === "name" ? [sql`${t.name} asc`] : [sql`${t.pushedAt} desc`, sql`${t.name} asc`];
}

/**
 * One page of a repository's tags from the index: no registry request, whatever the tag count.
 * The page's rows are picked from repository_tags alone (an index scan for the first page by last
 * pushed) before the manifests are joined, so the join costs 25 lookups, not one per tag. The total
 * is the trigger-maintained tag_count unless a filter asks for a count of the matches.
 */
export async function listTags(input: {
  repositoryId: string;
  q: string;
  sort: TagSort;
  page: number;
  pageSize: number;
}): Promise<{ items: TagListItem[]; total: number }> {
  const where = and(
    eq(repositoryTags.repositoryId, input.repositoryId),
    input.q ? sql`${repositoryTags.name} ilike ${likePattern(input.q)}` : undefined,
  );
  const db = getDb();
  const page = db
    .select()
    .from(repositoryTags)
    .where(where)
    .orderBy(...tagOrder(repositoryTags, input.sort))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .as("page");
  const total = input.q
    ? db
        .select({ n: sql<number>`count(*)::int` })
        .from(repositoryTags)
        .where(where)
    : db.select({ n: repositories.tagCount }).from(repositories).where(eq(repositories.id, input.repositoryId));
  const [items, [count]] = await Promise.all([
    db
      .select(tagColumns(page))
      .from(page)
      .leftJoin(imageManifests, eq(imageManifests.digest, page.digest))
      .orderBy(...tagOrder(page, input.sort)),
    total,
  ]);
  return { items, total: count?.n ?? 0 };
}

/** One tag with what the index knows of its manifest; null when the repository has no such tag. */
export async function getTag(repositoryId: string, name: string): Promise<TagListItem | null> {
  const [row] = await getDb()
    .select(tagColumns(repositoryTags))
    .from(repositoryTags)
    .leftJoin(imageManifests, eq(imageManifests.digest, repositoryTags.digest))
    .where(and(eq(repositoryTags.repositoryId, repositoryId), eq(repositoryTags.name, name)))
    .limit(1);
  return row ?? null;
}

/** Tag names of a repository, for pickers (compare); capped, newest first. */
export async function listTagNames(repositoryId: string, limit = 500): Promise<string[]> {
  const rows = await getDb()
    .select({ name: repositoryTags.name })
    .from(repositoryTags)
    .where(eq(repositoryTags.repositoryId, repositoryId))
    .orderBy(desc(repositoryTags.pushedAt), asc(repositoryTags.name))
    .limit(limit);
  return rows.map((r) => r.name);
}

export type PullTagChoice = { name: string; digest: string; pushedAt: Date };

/**
 * The tags a pull command may name: the `limit` most recently pushed (newest first, an index scan
 * of repository_tags_repository_id_pushed_at_idx), plus `latest` when it exists but is older than
 * those, since a bare `docker pull` means `latest` and the page prefers it.
 */
export async function listPullTagChoices(repositoryId: string, limit = 20): Promise<PullTagChoice[]> {
  const columns = { name: repositoryTags.name, digest: repositoryTags.digest, pushedAt: repositoryTags.pushedAt };
  const db = getDb();
  const [recent, latest] = await Promise.all([
    db
      .select(columns)
      .from(repositoryTags)
      .where(eq(repositoryTags.repositoryId, repositoryId))
      .orderBy(...tagOrder(repositoryTags, "pushed"))
      .limit(limit),
    db
      .select(columns)
      .from(repositoryTags)
      .where(and(eq(repositoryTags.repositoryId, repositoryId), eq(repositoryTags.name, "latest")))
      .limit(1),
  ]);
  return recent.some((t) => t.name === "latest") ? recent : [...recent, ...latest];
}

/** Tags that point at `digest` in a repository (deleting one deletes them all in the registry). */
export async function tagsOnDigests(
  repositoryId: string,
  digests: string[],
): Promise<Array<{ name: string; digest: string }>> {
  if (digests.length === 0) return [];
  return getDb()
    .select({ name: repositoryTags.name, digest: repositoryTags.digest })
    .from(repositoryTags)
    .where(and(eq(repositoryTags.repositoryId, repositoryId), sql`${repositoryTags.digest} in ${digests}`));
}

/** Pulls per UTC day for the last `days` days (oldest first), with the days without pulls as 0. */
export async function pullsPerDay(
  repositoryId: string,
  days: number,
  today: Date = new Date(),
): Promise<Array<{ day: string; pulls: number }>> {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const start = new Date(end - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = await getDb()
    .select({ day: repositoryPullDays.day, pulls: repositoryPullDays.pulls })
    .from(repositoryPullDays)
    .where(and(eq(repositoryPullDays.repositoryId, repositoryId), sql`${repositoryPullDays.day} >= ${start}`));
  const byDay = new Map(rows.map((r) => [r.day, Number(r.pulls)]));
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { day, pulls: byDay.get(day) ?? 0 };
  });
}

/** Whether the index holds anything at all (an empty one is rebuilt at start-up). */
export async function hasIndexedAnything(): Promise<boolean> {
  const { rows } = await getDb().execute<{ any: boolean }>(
    sql`select exists(select 1 from repository_tags) or exists(select 1 from index_reconciliations where status = 'succeeded') as any`,
  );
  return rows[0]?.any === true;
}

/** The most recent reconciliation of a scope ("*" or a repository path), if any. */
export async function lastReconciliation(scope: string) {
  const [row] = await getDb()
    .select()
    .from(indexReconciliations)
    .where(eq(indexReconciliations.scope, scope))
    .orderBy(desc(indexReconciliations.startedAt))
    .limit(1);
  return row ?? null;
}

export type ReconciliationRun = NonNullable<Awaited<ReturnType<typeof lastReconciliation>>>;
