import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { namespaces, repositories, users } from "@/db/schema";

export type RepositoryAccessContext = {
  namespace: { id: string; name: string; kind: "user" | "org"; defaultVisibility: "public" | "private"; ownerUserId: string | null; ownerDeactivated: boolean } | null;
  repository: { id: string; visibility: "public" | "private"; status: "active" | "deleting" } | null;
};

/**
 * Everything the authorization rules need to know about `namespace/name` in one query: the
 * namespace (and, for a personal one, its owner) and the repository if it exists.
 */
export async function getRepositoryAccessContext(namespaceName: string, name: string): Promise<RepositoryAccessContext> {
  const [row] = await getDb()
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
    .leftJoin(repositories, and(eq(repositories.namespaceId, namespaces.id), eq(repositories.name, name)))
    .where(eq(namespaces.name, namespaceName))
    .limit(1);
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
    repository: row.repoId && row.visibility && row.status ? { id: row.repoId, visibility: row.visibility, status: row.status } : null,
  };
}
