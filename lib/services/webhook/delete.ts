import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { webhooks } from "@/db/schema";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { findWebhook } from "./find-webhook";
import { requireWebhookAdmin } from "@/lib/authz/require-webhook-admin";

/** Deletes a webhook with its delivery log; queued retries die with it (their jobs find nothing to send). */
export async function deleteWebhook(
  actor: Actor,
  path: { namespace: string; name: string },
  webhookId: string,
): Promise<void> {
  const grant = await requireWebhookAdmin(actor, path);
  await transaction(async (tx) => {
    const hook = await findWebhook(tx, grant.repositoryId, webhookId);
    await tx.delete(webhooks).where(eq(webhooks.id, hook.id));
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "webhook_deleted",
        target: grant.path,
        metadata: { webhook: hook.name, url: hook.url },
      },
      tx,
    );
  });
}
