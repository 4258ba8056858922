import "server-only";
import { transaction } from "@/db";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { enqueueWebhookDeliveryIds } from "@/lib/services/webhook-delivery/enqueue";
import { actorName } from "@/lib/services/user/actor-name";
import { findWebhook } from "./find-webhook";
import { requireWebhookAdmin } from "@/lib/authz/require-webhook-admin";

export const TEST_TAG = "test-tag";
export const TEST_DIGEST = `sha256:${"0".repeat(64)}`;

/**
 * Queues a sample delivery (event "test", tag "test-tag", an all-zero digest) to one webhook,
 * whatever its trigger, events or paused state, so its receiver can be checked end to end.
 * Returns the queued delivery's id.
 */
export async function sendTestDelivery(
  actor: Actor,
  path: { namespace: string; name: string },
  webhookId: string,
): Promise<{ id: string }> {
  const grant = await requireWebhookAdmin(actor, path);
  const [id] = await transaction(async (tx) => {
    const hook = await findWebhook(tx, grant.repositoryId, webhookId);
    const by = await actorName(tx, actor.kind === "user" ? actor.userId : null);
    return enqueueWebhookDeliveryIds(
      tx,
      [
        {
          repositoryId: grant.repositoryId,
          event: "test",
          tag: TEST_TAG,
          digest: TEST_DIGEST,
          at: new Date(),
          actor: by,
        },
      ],
      hook.id,
    );
  });
  // One webhook found in this repository, one event: exactly one delivery.
  return { id: id! };
}
