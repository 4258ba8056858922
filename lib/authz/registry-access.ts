import "server-only";
import type { TokenScope } from "@/db/schema";
import { countPrivateRepositories, getPrivateRepoQuota } from "@/lib/data/organizations";
import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { ForbiddenError } from "@/lib/errors";
import { REPOSITORY_NAME_PATTERN, type ResourceScope } from "@/lib/registry/scope";
import { ensureRepositoryForPush } from "@/lib/services/repository/ensure-for-push";
import { splitRepositoryPath } from "@/lib/validations/repository";
import { allowedActions, TOKEN_SCOPE_ACTIONS, type Actor, type RegistryAction } from "./repository-permissions";
import { resolveRepositoryRole } from "./resolve-role";

export type Principal =
  | { kind: "anonymous" }
  | { kind: "user"; user: { id: string; username: string; isAdmin: boolean }; tokenScope: TokenScope | null };

const KNOWN: readonly string[] = ["pull", "push", "delete"];

/**
 * What `principal` may do for one requested registry scope: asked ∩ role ∩ token scope, where the
 * role comes from lib/authz/repository-permissions.ts (the one rule set). A first push into a
 * namespace the caller may write to creates the repository with the namespace's default visibility.
 * `registry:catalog:*` is never granted here: only the console lists the registry.
 */
export async function grantForScope(principal: Principal, scope: ResourceScope): Promise<RegistryAction[]> {
  if (scope.type !== "repository" || !REPOSITORY_NAME_PATTERN.test(scope.name)) return [];
  const asked = new Set(scope.actions.includes("*") ? KNOWN : scope.actions.filter((a) => KNOWN.includes(a)));
  if (asked.size === 0) return [];
  const path = splitRepositoryPath(scope.name);
  if (!path) {
    // Docker Hub refuses root repositories too; say so instead of a bare "denied".
    if (asked.has("push")) throw new ForbiddenError(`"${scope.name}" has no namespace: push to <your-namespace>/${scope.name} instead.`);
    return [];
  }
  const ctx = await getRepositoryAccessContext(path.namespace, path.name);
  if (!ctx.namespace || ctx.namespace.ownerDeactivated) return [];
  const actor: Actor = principal.kind === "user" ? { kind: "user", userId: principal.user.id, isAdmin: principal.user.isAdmin } : { kind: "anonymous" };
  const role = await resolveRepositoryRole(actor, ctx);
  const limit = principal.kind === "user" && principal.tokenScope ? new Set<string>(TOKEN_SCOPE_ACTIONS[principal.tokenScope]) : null;
  const granted = allowedActions(role, ctx.repository).filter((a) => asked.has(a) && (!limit || limit.has(a)));
  if (granted.includes("push") && !ctx.repository && principal.kind === "user") {
    if (ctx.namespace.defaultVisibility === "private") await assertPrivateQuota(ctx.namespace.id, ctx.namespace.name);
    await ensureRepositoryForPush({ namespaceId: ctx.namespace.id, name: path.name, visibility: ctx.namespace.defaultVisibility, userId: principal.user.id });
  }
  return granted;
}

/** A new private repository past the organization's quota is refused with a message saying so. */
export async function assertPrivateQuota(namespaceId: string, namespaceName: string): Promise<void> {
  const quota = await getPrivateRepoQuota(namespaceId);
  if (quota === null) return;
  const used = await countPrivateRepositories(namespaceId);
  if (used >= quota) throw new ForbiddenError(`${namespaceName} has used all ${quota} of its private repositories. Delete one, make one public, or raise the quota in the organization's settings.`);
}
