import "server-only";
import crypto from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db";
import { namespaces, repositories, webhookDeliveries, webhooks, type WebhookEvent } from "@/db/schema";
import { purposeMac } from "@/lib/security/crypto";
import { getEnv } from "@/lib/env";
import { enqueueJobs } from "@/lib/services/job/enqueue";
import { buildWebhookPayload, type BuildPayload } from "@/lib/webhooks/payload";
import { matchesTrigger } from "@/lib/webhooks/trigger";
import { triggerOf } from "@/lib/services/webhook/trigger-columns";

export type WebhookEventInput = {
  repositoryId: string;
  event: WebhookEvent | "test";
  tag: string | null;
  digest: string | null;
  at: Date;
  actor: string | null;
  build?: BuildPayload;
};

/** Where a receiver reports back on a delivery (Docker Hub's webhook chains); the MAC makes the URL unguessable. */
export function deliveryCallbackUrl(deliveryId: string): string {
  return new URL(
    `/api/webhooks/callback/${deliveryId}/${purposeMac("webhook-callback", deliveryId)}`,
    getEnv().CONSOLE_URL,
  ).toString();
}

/**
 * Turns repository events into webhook deliveries, in the caller's transaction: one query for
 * the active webhooks of the repositories concerned (with the facts the payload needs), the
 * trigger matched here (RE2, linear time), then one insert of deliveries and one of their jobs,
 * whatever the number of events. `onlyWebhookId` targets one webhook whatever its events and
 * state (the "test" button). Returns how many deliveries were queued; kick the worker after commit.
 */
export async function enqueueWebhookDeliveries(
  db: Database | Transaction,
  events: WebhookEventInput[],
  onlyWebhookId?: string,
): Promise<number> {
  return (await enqueueWebhookDeliveryIds(db, events, onlyWebhookId)).length;
}

/** enqueueWebhookDeliveries, answering the ids of the deliveries queued (the API's "test" names the one it queued). */
export async function enqueueWebhookDeliveryIds(
  db: Database | Transaction,
  events: WebhookEventInput[],
  onlyWebhookId?: string,
): Promise<string[]> {
  if (events.length === 0) return [];
  const repositoryIds = [...new Set(events.map((e) => e.repositoryId))];
  const hooks = await db
    .select({
      id: webhooks.id,
      repositoryId: webhooks.repositoryId,
      events: webhooks.events,
      triggerType: webhooks.triggerType,
      triggerTags: webhooks.triggerTags,
      triggerPattern: webhooks.triggerPattern,
      namespace: namespaces.name,
      name: repositories.name,
      visibility: repositories.visibility,
      description: repositories.description,
      overview: repositories.overview,
      createdAt: repositories.createdAt,
      starCount: repositories.starCount,
      pullCount: repositories.pullCount,
    })
    .from(webhooks)
    .innerJoin(repositories, eq(repositories.id, webhooks.repositoryId))
    .innerJoin(namespaces, eq(namespaces.id, repositories.namespaceId))
    .where(
      and(
        inArray(webhooks.repositoryId, repositoryIds),
        onlyWebhookId ? eq(webhooks.id, onlyWebhookId) : eq(webhooks.active, true),
      ),
    );
  if (hooks.length === 0) return [];
  const consoleUrl = getEnv().CONSOLE_URL;
  const rows: Array<typeof webhookDeliveries.$inferInsert> = [];
  for (const e of events) {
    for (const h of hooks) {
      if (h.repositoryId !== e.repositoryId) continue;
      if (!onlyWebhookId && (!h.events.includes(e.event as WebhookEvent) || !matchesTrigger(triggerOf(h), e.tag)))
        continue;
      const id = crypto.randomUUID();
      const payload = buildWebhookPayload({
        event: e.event,
        repository: h,
        tag: e.tag,
        digest: e.digest,
        actor: e.actor,
        at: e.at,
        build: e.build,
        callbackUrl: deliveryCallbackUrl(id),
        consoleUrl,
      });
      rows.push({ id, webhookId: h.id, event: e.event, tag: e.tag, digest: e.digest, payload });
    }
  }
  if (rows.length === 0) return [];
  await db.insert(webhookDeliveries).values(rows);
  await enqueueJobs(
    db,
    rows.map((r) => ({
      queue: "webhook-delivery",
      payload: { deliveryId: r.id },
      maxAttempts: getEnv().WEBHOOK_MAX_ATTEMPTS,
    })),
  );
  return rows.map((r) => r.id!);
}
