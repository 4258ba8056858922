import "server-only";
import { roleNeededFor, type Actor } from "./rules/repository-permissions";
import { requireRepositoryRole, type RepositoryGrant } from "./require-repository-role";

/**
 * Who may see and manage a repository's webhooks: its admins and owners. Every webhook service
 * and the JSON API's webhook reads start here, so the rule and its answers (404 for a repository
 * the actor cannot see, 403 for one they see but do not administer) exist once.
 */
export function requireWebhookAdmin(actor: Actor, path: { namespace: string; name: string }): Promise<RepositoryGrant> {
  return requireRepositoryRole(
    actor,
    path,
    roleNeededFor("manageWebhooks"),
    "Only admins of this repository can manage its webhooks.",
  );
}
