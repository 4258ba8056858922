import "server-only";
import { getDb } from "@/db";
import type { Actor } from "@/lib/authz/repository-permissions";
import { requireRepositoryRole } from "@/lib/authz/require-repository-role";
import { kickJobWorker } from "@/lib/jobs/worker";
import { enqueueWebhookDeliveries } from "@/lib/services/webhook-delivery/enqueue";
import { actorName } from "@/lib/services/user/actor-name";
import { findWebhook } from "./find-webhook";

export const TEST_TAG = "test-tag";
export const TEST_DIGEST = `sha256:${"0".repeat(64)}`;

/**
 * Queues a sample delivery (event "test", tag "test-tag", an all-zero digest) to one webhook,
 * whatever its trigger, events or paused state, so its receiver can be checked end to end.
 */
export async function sendTestDelivery(actor: Actor, path: { namespace: string; name: string }, webhookId: string): Promise<void> {
  const grant = await requireRepositoryRole(actor, path, "admin", "Only admins of this repository can manage its webhooks.");
  await getDb().transaction(async (tx) => {
    const hook = await findWebhook(tx, grant.repositoryId, webhookId);
    const by = await actorName(tx, actor.kind === "user" ? actor.userId : null);
    await enqueueWebhookDeliveries(tx, [{ repositoryId: grant.repositoryId, event: "test", tag: TEST_TAG, digest: TEST_DIGEST, at: new Date(), actor: by }], hook.id);
  });
  kickJobWorker();
}
