import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { webhooks } from "@/db/schema";
import { encryptSecret } from "@/lib/security/crypto";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { newWebhookSecret } from "@/lib/webhooks/signature";
import { findWebhook } from "./find-webhook";
import { requireWebhookAdmin } from "@/lib/authz/require-webhook-admin";

/** Replaces the signing secret (after a leak); deliveries from now on are signed with the new one, which is returned once. */
export async function rotateWebhookSecret(
  actor: Actor,
  path: { namespace: string; name: string },
  webhookId: string,
): Promise<{ secret: string }> {
  const grant = await requireWebhookAdmin(actor, path);
  const secret = newWebhookSecret();
  await transaction(async (tx) => {
    const hook = await findWebhook(tx, grant.repositoryId, webhookId);
    await tx
      .update(webhooks)
      .set({ secretEnc: encryptSecret(secret, "webhook-secret"), updatedAt: new Date() })
      .where(eq(webhooks.id, hook.id));
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "webhook_secret_rotated",
        target: grant.path,
        metadata: { webhook: hook.name },
      },
      tx,
    );
  });
  return { secret };
}
