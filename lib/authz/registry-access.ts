import type { User } from "@/db/schema";
import type { ResourceScope } from "@/lib/registry/scope";
import { REPOSITORY_NAME_PATTERN } from "@/lib/registry/scope";

/** Actions the registry understands on repositories; anything else asked for is dropped. */
export const REPOSITORY_ACTIONS = ["pull", "push", "delete"] as const;

export type Principal = { kind: "anonymous" } | { kind: "user"; user: Pick<User, "id" | "username" | "isAdmin"> };

/**
 * What `principal` may do for one requested scope: always a subset of what was asked.
 * `registry:catalog:*` is never granted through the token endpoint: only the console lists the
 * whole registry, with tokens it mints itself.
 *
 * Foundation rule set: the site operator may do everything; nobody else is granted anything yet.
 * Namespace owners, organizations and public pulls extend this one function.
 */
export function grantedActions(principal: Principal, scope: ResourceScope): string[] {
  if (scope.type !== "repository" || !REPOSITORY_NAME_PATTERN.test(scope.name)) return [];
  if (principal.kind !== "user") return [];
  const asked = scope.actions.includes("*") ? [...REPOSITORY_ACTIONS] : scope.actions;
  const known = asked.filter((a): a is (typeof REPOSITORY_ACTIONS)[number] => (REPOSITORY_ACTIONS as readonly string[]).includes(a));
  if (principal.user.isAdmin) return known;
  return [];
}
