import "server-only";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { requireWebhookAdmin } from "@/lib/authz/require-webhook-admin";
import { getWebhookSecret } from "@/lib/data/webhooks";
import { NotFoundError } from "@/lib/errors";

/** The signing secret in clear, for repository admins only (the webhook page's "Reveal"); lib/authz decides, lib/data reads. */
export async function revealWebhookSecret(
  actor: Actor,
  path: { namespace: string; name: string },
  webhookId: string,
): Promise<string> {
  const grant = await requireWebhookAdmin(actor, path);
  const secret = await getWebhookSecret(grant.repositoryId, webhookId);
  if (secret === null) throw new NotFoundError("That webhook does not exist.");
  return secret;
}
