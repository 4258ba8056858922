import "server-only";
import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { roleAtLeast, type Actor, type RepositoryRole } from "./rules/repository-permissions";
import { resolveRepositoryRole } from "./resolve-role";

export type RepositoryGrant = {
  namespaceId: string;
  repositoryId: string;
  path: string;
  role: RepositoryRole;
  visibility: "public" | "private";
};

/**
 * The check every repository mutation starts with: the repository must exist and be active, and
 * the actor must hold `needed` on it. Someone who may not even see a private repository gets
 * NotFound (its existence is not revealed); someone who sees it but lacks the role gets Forbidden.
 */
export async function requireRepositoryRole(
  actor: Actor,
  path: { namespace: string; name: string },
  needed: RepositoryRole,
  forbidden: string,
): Promise<RepositoryGrant> {
  const ctx = await getRepositoryAccessContext(path.namespace, path.name);
  if (!ctx.namespace || !ctx.repository || ctx.repository.status !== "active")
    throw new NotFoundError("Repository not found");
  const role = await resolveRepositoryRole(actor, ctx);
  if (!roleAtLeast(role, needed)) {
    if (ctx.repository.visibility === "private" && !roleAtLeast(role, "read"))
      throw new NotFoundError("Repository not found");
    throw new ForbiddenError(forbidden);
  }
  return {
    namespaceId: ctx.namespace.id,
    repositoryId: ctx.repository.id,
    path: `${ctx.namespace.name}/${path.name}`,
    role,
    visibility: ctx.repository.visibility,
  };
}
