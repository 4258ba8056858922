import "server-only";
import { getOrgGrant } from "@/lib/data/organizations";
import type { RepositoryAccessContext } from "@/lib/data/repositories";
import { repositoryRole, type Actor, type RepositoryRole } from "./repository-permissions";

/**
 * The actor's role on a repository (or on its namespace, when it does not exist yet), loading the
 * organization facts the pure rules need. Every surface — token service, UI, API — asks this.
 */
export async function resolveRepositoryRole(actor: Actor, ctx: RepositoryAccessContext): Promise<RepositoryRole> {
  if (!ctx.namespace) return "none";
  const orgGrant = ctx.namespace.kind === "org" && actor.kind === "user" ? await getOrgGrant(ctx.namespace.id, actor.userId, ctx.repository?.id ?? null) : null;
  return repositoryRole(actor, { kind: ctx.namespace.kind, ownerUserId: ctx.namespace.ownerUserId, ownerDeactivated: ctx.namespace.ownerDeactivated }, orgGrant);
}
