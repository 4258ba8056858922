import "server-only";
import { getOrgGrant } from "@/lib/data/organizations";
import type { RepositoryAccessContext } from "@/lib/data/repositories";
import { repositoryRole, roleAtLeast, type Actor, type RepositoryRole } from "./rules/repository-permissions";

/**
 * The actor's role on a repository (or on its namespace, when it does not exist yet), loading the
 * organization facts the pure rules need. Every surface — token service, UI, API — asks this.
 */
export async function resolveRepositoryRole(actor: Actor, ctx: RepositoryAccessContext): Promise<RepositoryRole> {
  if (!ctx.namespace) return "none";
  const orgGrant =
    ctx.namespace.kind === "org" && actor.kind === "user"
      ? await getOrgGrant(ctx.namespace.id, actor.userId, ctx.repository?.id ?? null)
      : null;
  return repositoryRole(
    actor,
    {
      kind: ctx.namespace.kind,
      ownerUserId: ctx.namespace.ownerUserId,
      ownerDeactivated: ctx.namespace.ownerDeactivated,
    },
    orgGrant,
  );
}

/**
 * The actor's role on the namespace itself, as if `ctx`'s repository did not exist: what creating a
 * repository there needs (write). Asked before saying whether a name is taken, so nobody learns
 * that a private repository exists in a namespace they cannot create in.
 */
export function resolveNamespaceRole(actor: Actor, ctx: RepositoryAccessContext): Promise<RepositoryRole> {
  return resolveRepositoryRole(actor, { ...ctx, repository: null });
}

/** Whether the actor may create repositories in `ctx`'s namespace (the create form, its live name check, the API). */
export async function mayCreateRepositoryIn(actor: Actor, ctx: RepositoryAccessContext): Promise<boolean> {
  return roleAtLeast(await resolveNamespaceRole(actor, ctx), "write");
}
