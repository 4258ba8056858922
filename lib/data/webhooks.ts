import "server-only";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhooks,
  type Webhook,
  type WebhookDelivery,
  type WebhookDeliveryAttempt,
} from "@/db/schema";
import { decryptSecret } from "@/lib/security/crypto";

export type WebhookSummary = Omit<Webhook, "secretEnc"> & {
  lastDelivery: { status: WebhookDelivery["status"]; createdAt: Date; event: string; tag: string | null } | null;
};

const withoutSecret = ({ secretEnc: _secret, ...rest }: Webhook) => rest;

/**
 * A repository's webhooks with their latest delivery (callers have checked the admin role: the
 * pages through viewRepository, services through requireRepositoryRole).
 */
export async function listWebhooks(repositoryId: string): Promise<WebhookSummary[]> {
  const db = getDb();
  const rows = await db.select().from(webhooks).where(eq(webhooks.repositoryId, repositoryId)).orderBy(webhooks.name);
  if (rows.length === 0) return [];
  const latest = await db
    .selectDistinctOn([webhookDeliveries.webhookId], {
      webhookId: webhookDeliveries.webhookId,
      status: webhookDeliveries.status,
      createdAt: webhookDeliveries.createdAt,
      event: webhookDeliveries.event,
      tag: webhookDeliveries.tag,
    })
    .from(webhookDeliveries)
    .where(
      inArray(
        webhookDeliveries.webhookId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(webhookDeliveries.webhookId, desc(webhookDeliveries.createdAt));
  const byHook = new Map(latest.map((l) => [l.webhookId, l]));
  return rows.map((r) => ({ ...withoutSecret(r), lastDelivery: byHook.get(r.id) ?? null }));
}

export async function getWebhook(repositoryId: string, webhookId: string): Promise<Omit<Webhook, "secretEnc"> | null> {
  const [row] = await getDb()
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.repositoryId, repositoryId)))
    .limit(1);
  return row ? withoutSecret(row) : null;
}

export type DeliveryWithAttempts = WebhookDelivery & { attemptLog: WebhookDeliveryAttempt[] };

/** One page of a webhook's delivery log, newest first, each delivery with its attempts in order. */
export async function listDeliveries(
  webhookId: string,
  page: number,
  pageSize: number,
): Promise<{ items: DeliveryWithAttempts[]; total: number }> {
  const db = getDb();
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, webhookId))
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)),
  ]);
  const attempts = items.length
    ? await db
        .select()
        .from(webhookDeliveryAttempts)
        .where(
          inArray(
            webhookDeliveryAttempts.deliveryId,
            items.map((i) => i.id),
          ),
        )
        .orderBy(webhookDeliveryAttempts.attempt)
    : [];
  return {
    items: items.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id) })),
    total: total?.n ?? 0,
  };
}

/** A webhook's signing secret in clear, or null; the caller has checked the admin role (services/webhook/reveal-secret.ts). */
export async function getWebhookSecret(repositoryId: string, webhookId: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ secretEnc: webhooks.secretEnc })
    .from(webhooks)
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.repositoryId, repositoryId)))
    .limit(1);
  return row ? decryptSecret(row.secretEnc, "webhook-secret") : null;
}

/** How many deliveries are waiting (queued or between retries) per webhook: shown as a badge. */
export async function pendingDeliveryCounts(webhookIds: string[]): Promise<Map<string, number>> {
  if (webhookIds.length === 0) return new Map();
  const rows = await getDb()
    .select({ webhookId: webhookDeliveries.webhookId, n: count() })
    .from(webhookDeliveries)
    .where(
      and(inArray(webhookDeliveries.webhookId, webhookIds), sql`${webhookDeliveries.status} in ('queued', 'retrying')`),
    )
    .groupBy(webhookDeliveries.webhookId);
  return new Map(rows.map((r) => [r.webhookId, r.n]));
}
