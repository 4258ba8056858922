import "server-only";
import { roleNeededFor, type Actor } from "./rules/repository-permissions";
import { requireRepositoryRole, type RepositoryGrant } from "./require-repository-role";

/**
 * Who may see and manage a repository's build settings and rules: its admins and owners (as
 * webhooks: the settings hold a Git credential, and a rule decides what gets pushed as which tag).
 * 404 for a repository the actor cannot see, 403 for one they see but do not administer.
 */
export function requireBuildAdmin(actor: Actor, path: { namespace: string; name: string }): Promise<RepositoryGrant> {
  return requireRepositoryRole(
    actor,
    path,
    roleNeededFor("manageBuilds"),
    "Only admins of this repository can manage its builds.",
  );
}
