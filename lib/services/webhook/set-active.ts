import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { webhooks } from "@/db/schema";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { findWebhook } from "./find-webhook";
import { requireWebhookAdmin } from "@/lib/authz/require-webhook-admin";

/** Pauses or resumes a webhook: a paused one gets no new deliveries (what is already queued is still sent). */
export async function setWebhookActive(
  actor: Actor,
  path: { namespace: string; name: string },
  webhookId: string,
  active: boolean,
): Promise<void> {
  const grant = await requireWebhookAdmin(actor, path);
  await transaction(async (tx) => {
    const hook = await findWebhook(tx, grant.repositoryId, webhookId);
    await tx.update(webhooks).set({ active, updatedAt: new Date() }).where(eq(webhooks.id, hook.id));
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: active ? "webhook_enabled" : "webhook_disabled",
        target: grant.path,
        metadata: { webhook: hook.name },
      },
      tx,
    );
  });
}
