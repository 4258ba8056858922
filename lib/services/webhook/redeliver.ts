import "server-only";
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { transaction } from "@/db";
import { webhookDeliveries } from "@/db/schema";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { getEnv } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { enqueueJobs } from "@/lib/services/job/enqueue";
import { deliveryCallbackUrl } from "@/lib/services/webhook-delivery/enqueue";
import { findWebhook } from "./find-webhook";
import { requireWebhookAdmin } from "@/lib/authz/require-webhook-admin";

/**
 * Sends an earlier delivery again, as a new delivery with its own log (and attempts), the same
 * body and a fresh signature. Receivers can tell it apart by X-Dockyard-Delivery.
 */
export async function redeliver(
  actor: Actor,
  path: { namespace: string; name: string },
  webhookId: string,
  deliveryId: string,
): Promise<{ id: string }> {
  const grant = await requireWebhookAdmin(actor, path);
  const id = crypto.randomUUID();
  await transaction(async (tx) => {
    const hook = await findWebhook(tx, grant.repositoryId, webhookId);
    const [original] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.webhookId, hook.id)))
      .limit(1);
    if (!original) throw new NotFoundError("That delivery does not exist.");
    await tx.insert(webhookDeliveries).values({
      id,
      webhookId: hook.id,
      event: original.event,
      tag: original.tag,
      digest: original.digest,
      payload: { ...original.payload, callback_url: deliveryCallbackUrl(id) },
      redeliveryOfId: original.id,
    });
    await enqueueJobs(tx, [
      { queue: "webhook-delivery", payload: { deliveryId: id }, maxAttempts: getEnv().WEBHOOK_MAX_ATTEMPTS },
    ]);
  });
  return { id };
}
