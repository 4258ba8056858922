import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { namespaces, repositories, repositoryStars, users } from "@/db/schema";
import { cachedAccess } from "./access-cache";
import { repositoryVisibleTo } from "@/lib/authz/rules/sql-rules";

export type RepositoryAccessContext = {
  namespace: {
    id: string;
    name: string;
    kind: "user" | "org";
    defaultVisibility: "public" | "private";
    ownerUserId: string | null;
    ownerDeactivated: boolean;
  } | null;
  repository: { id: string; visibility: "public" | "private"; status: "active" | "deleting" } | null;
};

// Prepared once (name-keyed on each connection): the token service asks this on every `docker pull`,
// so neither drizzle's query building nor PostgreSQL's planning is paid per request.
let accessContextQuery: ReturnType<typeof prepareAccessContextQuery> | undefined;
function prepareAccessContextQuery() {
  return getDb()
    .select({
      nsId: namespaces.id,
      nsName: namespaces.name,
      kind: namespaces.kind,
      defaultVisibility: namespaces.defaultVisibility,
      ownerUserId: users.id,
      ownerDeactivatedAt: users.deactivatedAt,
      repoId: repositories.id,
      visibility: repositories.visibility,
      status: repositories.status,
    })
    .from(namespaces)
    .leftJoin(users, eq(users.namespaceId, namespaces.id))
    .leftJoin(
      repositories,
      and(eq(repositories.namespaceId, namespaces.id), eq(repositories.name, sql.placeholder("name"))),
    )
    .where(eq(namespaces.name, sql.placeholder("namespace")))
    .limit(1)
    .prepare("repository_access_context");
}

/**
 * Everything the authorization rules need to know about `namespace/name` in one query: the
 * namespace (and, for a personal one, its owner) and the repository if it exists.
 */
export async function getRepositoryAccessContext(
  namespaceName: string,
  name: string,
): Promise<RepositoryAccessContext> {
  // Cached until any namespace, account or repository changes (lib/data/access-cache.ts).
  return cachedAccess(`ctx:${namespaceName}/${name}`, () => loadRepositoryAccessContext(namespaceName, name));
}

async function loadRepositoryAccessContext(namespaceName: string, name: string): Promise<RepositoryAccessContext> {
  accessContextQuery ??= prepareAccessContextQuery();
  const [row] = await accessContextQuery.execute({ namespace: namespaceName, name });
  if (!row) return { namespace: null, repository: null };
  return {
    namespace: {
      id: row.nsId,
      name: row.nsName,
      kind: row.kind,
      defaultVisibility: row.defaultVisibility,
      ownerUserId: row.ownerUserId,
      ownerDeactivated: row.ownerDeactivatedAt !== null,
    },
    repository:
      row.repoId && row.visibility && row.status
        ? { id: row.repoId, visibility: row.visibility, status: row.status }
        : null,
  };
}

/** `%q%` with LIKE's wildcards escaped, so a search for `a_b` means that text. */
export function likePattern(q: string): string {
  return `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

export type RepositoryListItem = {
  id: string;
  name: string;
  visibility: "public" | "private";
  description: string;
  lastPushedAt: Date | null;
  pullCount: number;
  starCount: number;
  status?: "active" | "deleting";
};

/** Repositories of a namespace that `viewerId` may see (see lib/authz/rules/sql-rules.ts), by name. */
export async function listVisibleRepositories(
  namespaceId: string,
  viewerId: string | null,
): Promise<RepositoryListItem[]> {
  return getDb()
    .select({
      id: repositories.id,
      name: repositories.name,
      visibility: repositories.visibility,
      description: repositories.description,
      lastPushedAt: repositories.lastPushedAt,
      pullCount: repositories.pullCount,
      starCount: repositories.starCount,
    })
    .from(repositories)
    .where(
      and(eq(repositories.namespaceId, namespaceId), eq(repositories.status, "active"), repositoryVisibleTo(viewerId)),
    )
    .orderBy(asc(repositories.name));
}

export type RepositoryView = {
  id: string;
  namespaceId: string;
  namespace: string;
  namespaceKind: "user" | "org";
  name: string;
  visibility: "public" | "private";
  description: string;
  overview: string;
  lastPushedAt: Date | null;
  pullCount: number;
  starCount: number;
  createdAt: Date;
};

/** The repository row behind `namespace/name` (active only); authorization is the caller's job (lib/authz). */
export async function getRepository(namespaceName: string, name: string): Promise<RepositoryView | null> {
  const [row] = await getDb()
    .select({
      id: repositories.id,
      namespaceId: repositories.namespaceId,
      namespace: namespaces.name,
      namespaceKind: namespaces.kind,
      name: repositories.name,
      visibility: repositories.visibility,
      description: repositories.description,
      overview: repositories.overview,
      lastPushedAt: repositories.lastPushedAt,
      pullCount: repositories.pullCount,
      starCount: repositories.starCount,
      createdAt: repositories.createdAt,
    })
    .from(repositories)
    .innerJoin(namespaces, eq(namespaces.id, repositories.namespaceId))
    .where(and(eq(namespaces.name, namespaceName), eq(repositories.name, name), eq(repositories.status, "active")))
    .limit(1);
  return row ?? null;
}

export type RepositorySort = "name" | "pushed" | "pulls" | "stars";
const SORTS: Record<RepositorySort, ReturnType<typeof sql>> = {
  name: sql`${repositories.name} asc`,
  pushed: sql`${repositories.lastPushedAt} desc nulls last, ${repositories.name} asc`,
  pulls: sql`${repositories.pullCount} desc, ${repositories.name} asc`,
  stars: sql`${repositories.starCount} desc, ${repositories.pullCount} desc, ${repositories.name} asc`,
};

/** One page of a namespace's repositories visible to the viewer, filtered by name, in the chosen order. */
export async function searchNamespaceRepositories(input: {
  namespaceId: string;
  viewerId: string;
  q: string;
  sort: RepositorySort;
  page: number;
  pageSize: number;
}) {
  // The owner's dashboard also lists repositories being deleted, so an interrupted deletion is visible.
  const where = and(
    eq(repositories.namespaceId, input.namespaceId),
    input.q ? sql`${repositories.name} ilike ${likePattern(input.q)}` : undefined,
    repositoryVisibleTo(input.viewerId),
  );
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: repositories.id,
        name: repositories.name,
        visibility: repositories.visibility,
        description: repositories.description,
        lastPushedAt: repositories.lastPushedAt,
        pullCount: repositories.pullCount,
        starCount: repositories.starCount,
        status: repositories.status,
      })
      .from(repositories)
      .where(where)
      .orderBy(SORTS[input.sort])
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(repositories)
      .where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

export type ExploreItem = RepositoryListItem & { namespace: string };

/** Public repositories across the site: name/description search, optional namespace, stars then pulls (Docker Hub's order). */
export async function explorePublicRepositories(input: { q: string; ns?: string; page: number; pageSize: number }) {
  const where = and(
    eq(repositories.visibility, "public"),
    eq(repositories.status, "active"),
    input.ns ? eq(namespaces.name, input.ns) : undefined,
    input.q
      ? sql`(${repositories.name} ilike ${likePattern(input.q)} or ${repositories.description} ilike ${likePattern(input.q)} or ${namespaces.name} ilike ${likePattern(input.q)})`
      : undefined,
  );
  const db = getDb();
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: repositories.id,
        namespace: namespaces.name,
        name: repositories.name,
        visibility: repositories.visibility,
        description: repositories.description,
        lastPushedAt: repositories.lastPushedAt,
        pullCount: repositories.pullCount,
        starCount: repositories.starCount,
      })
      .from(repositories)
      .innerJoin(namespaces, eq(namespaces.id, repositories.namespaceId))
      .where(where)
      .orderBy(
        sql`${repositories.starCount} desc, ${repositories.pullCount} desc, ${namespaces.name} asc, ${repositories.name} asc`,
      )
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(repositories)
      .innerJoin(namespaces, eq(namespaces.id, repositories.namespaceId))
      .where(where),
  ]);
  return { items: items as ExploreItem[], total: total?.n ?? 0 };
}

/** The user's starred repositories that they can still see. */
export async function listStarredRepositories(userId: string): Promise<ExploreItem[]> {
  return getDb()
    .select({
      id: repositories.id,
      namespace: namespaces.name,
      name: repositories.name,
      visibility: repositories.visibility,
      description: repositories.description,
      lastPushedAt: repositories.lastPushedAt,
      pullCount: repositories.pullCount,
      starCount: repositories.starCount,
    })
    .from(repositoryStars)
    .innerJoin(repositories, eq(repositories.id, repositoryStars.repositoryId))
    .innerJoin(namespaces, eq(namespaces.id, repositories.namespaceId))
    .where(and(eq(repositoryStars.userId, userId), eq(repositories.status, "active"), repositoryVisibleTo(userId)))
    .orderBy(sql`${repositoryStars.createdAt} desc`) as Promise<ExploreItem[]>;
}

export async function isStarred(userId: string, repositoryId: string): Promise<boolean> {
  const rows = await getDb()
    .select({ r: repositoryStars.repositoryId })
    .from(repositoryStars)
    .where(and(eq(repositoryStars.userId, userId), eq(repositoryStars.repositoryId, repositoryId)))
    .limit(1);
  return rows.length > 0;
}
