import "server-only";
import type { TokenScope } from "@/db/schema";
import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { ForbiddenError } from "@/lib/errors";
import { REPOSITORY_NAME_PATTERN, type ResourceScope } from "@/lib/registry/scope";
import { splitRepositoryPath } from "@/lib/validations/repository";
import { allowedActions, TOKEN_SCOPE_ACTIONS, type Actor, type RegistryAction } from "./rules/repository-permissions";
import { resolveRepositoryRole } from "./resolve-role";

export type Principal =
  | { kind: "anonymous" }
  | { kind: "user"; user: { id: string; username: string; isAdmin: boolean }; tokenScope: TokenScope | null }
  // A running build's push credential (lib/builds/push-credential.ts): its own repository only.
  | { kind: "build"; buildId: string; repository: string; subject: string };

const KNOWN: readonly string[] = ["pull", "push", "delete"];

/** A repository a push grant needs before the token is handed out (it does not exist yet). */
export type RepositoryToCreate = {
  namespaceId: string;
  namespaceName: string;
  name: string;
  visibility: "public" | "private";
};

export type ScopeGrant = { actions: RegistryAction[]; create: RepositoryToCreate | null };

const NONE: ScopeGrant = { actions: [], create: null };

/**
 * What `principal` may do for one requested registry scope: asked ∩ role ∩ token scope, where the
 * role comes from lib/authz/rules/repository-permissions.ts (the one rule set). Decides only: a push into
 * a namespace the caller may write to, where the repository does not exist yet, comes back with
 * `create` set, and the token service creates it (limits and quota: registry-token/create-pushed-repositories.ts).
 * `registry:catalog:*` is never granted here: only the console lists the registry.
 */
export async function grantForScope(principal: Principal, scope: ResourceScope): Promise<ScopeGrant> {
  if (scope.type !== "repository" || !REPOSITORY_NAME_PATTERN.test(scope.name)) return NONE;
  if (principal.kind === "build") return grantForBuild(principal, scope);
  const asked = new Set(scope.actions.includes("*") ? KNOWN : scope.actions.filter((a) => KNOWN.includes(a)));
  if (asked.size === 0) return NONE;
  const path = splitRepositoryPath(scope.name);
  if (!path) {
    // Docker Hub refuses root repositories too; say so instead of a bare "denied".
    if (asked.has("push"))
      throw new ForbiddenError(`"${scope.name}" has no namespace: push to <your-namespace>/${scope.name} instead.`);
    return NONE;
  }
  const ctx = await getRepositoryAccessContext(path.namespace, path.name);
  if (!ctx.namespace || ctx.namespace.ownerDeactivated) return NONE;
  const actor: Actor =
    principal.kind === "user"
      ? { kind: "user", userId: principal.user.id, isAdmin: principal.user.isAdmin }
      : { kind: "anonymous" };
  const role = await resolveRepositoryRole(actor, ctx);
  const limit =
    principal.kind === "user" && principal.tokenScope
      ? new Set<string>(TOKEN_SCOPE_ACTIONS[principal.tokenScope])
      : null;
  const granted = allowedActions(role, ctx.repository).filter((a) => asked.has(a) && (!limit || limit.has(a)));
  const create =
    granted.includes("push") && !ctx.repository && principal.kind === "user"
      ? {
          namespaceId: ctx.namespace.id,
          namespaceName: ctx.namespace.name,
          name: path.name,
          visibility: ctx.namespace.defaultVisibility,
        }
      : null;
  return { actions: granted, create };
}

/**
 * A build pushes to its own repository and pulls from any repository of its namespace (a `FROM` of
 * the team's own private base image, as Docker Hub's autobuilds pull the account's images); never
 * delete. Anywhere else it is anonymous: a public image pulls, another namespace's private one does
 * not. The credential carries no person's rights.
 */
async function grantForBuild(principal: Principal & { kind: "build" }, scope: ResourceScope): Promise<ScopeGrant> {
  const path = splitRepositoryPath(scope.name);
  const own = principal.repository.slice(0, principal.repository.indexOf("/"));
  if (scope.type === "repository" && path?.namespace === own) {
    const asked = scope.actions.includes("*") ? ["pull", "push"] : scope.actions;
    const mayPush = scope.name === principal.repository;
    const actions = (["pull", "push"] as const).filter((a) => asked.includes(a) && (a === "pull" || mayPush));
    // The repository must be there and active (a build never creates one).
    const ctx = await getRepositoryAccessContext(path.namespace, path.name);
    return ctx.repository?.status === "active" && !ctx.namespace?.ownerDeactivated ? { actions, create: null } : NONE;
  }
  const anonymous = await grantForScope({ kind: "anonymous" }, { ...scope, actions: ["pull"] });
  return { actions: anonymous.actions.filter((a) => a === "pull"), create: null };
}
