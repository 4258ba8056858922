import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { transaction } from "@/db";
import { webhooks } from "@/db/schema";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { ValidationError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import type { WebhookInput } from "@/lib/validations/webhook";
import { assertSafeWebhookUrl } from "./assert-safe-url";
import { findWebhook } from "./find-webhook";
import { triggerColumns } from "./trigger-columns";
import { requireWebhookAdmin } from "@/lib/authz/require-webhook-admin";

/**
 * Changes a webhook's name, URL, trigger or events. Pending retries go to the new URL.
 * `unresolvedHost` names the URL's host when it does not resolve yet (saved anyway).
 */
export async function updateWebhook(
  actor: Actor,
  path: { namespace: string; name: string },
  webhookId: string,
  input: WebhookInput,
): Promise<{ unresolvedHost: string | null }> {
  const grant = await requireWebhookAdmin(actor, path);
  const { unresolvedHost } = await assertSafeWebhookUrl(input.url);
  await transaction(async (tx) => {
    const before = await findWebhook(tx, grant.repositoryId, webhookId);
    const taken = await tx
      .select({ id: webhooks.id })
      .from(webhooks)
      .where(
        and(
          eq(webhooks.repositoryId, grant.repositoryId),
          eq(webhooks.name, input.webhookName),
          ne(webhooks.id, webhookId),
        ),
      )
      .limit(1);
    if (taken.length > 0)
      throw new ValidationError("Please correct the highlighted fields.", {
        webhookName: [`${grant.path} already has a webhook named ${input.webhookName}`],
      });
    await tx
      .update(webhooks)
      .set({
        name: input.webhookName,
        url: input.url,
        ...triggerColumns(input.trigger),
        events: input.events,
        updatedAt: new Date(),
      })
      .where(eq(webhooks.id, before.id));
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "webhook_updated",
        target: grant.path,
        metadata: { webhook: input.webhookName, url: input.url, events: input.events },
      },
      tx,
    );
  });
  return { unresolvedHost };
}
