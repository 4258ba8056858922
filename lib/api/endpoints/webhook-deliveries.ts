import "server-only";
import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginate } from "@/lib/api/pagination";
import { listDeliveries, type DeliveryWithAttempts } from "@/lib/data/webhooks";
import { redeliver } from "@/lib/services/webhook/redeliver";
import { rotateWebhookSecret } from "@/lib/services/webhook/rotate-secret";
import { sendTestDelivery } from "@/lib/services/webhook/send-test";
import {
  deliveryListQuery,
  deliveryPathParams,
  deliveryResource,
  queuedDeliveryResource,
  webhookPathParams,
  webhookSecretResource,
} from "@/lib/validations/api/webhooks";
import { adminWebhook } from "./webhooks";
import { isoOrNull } from "@/lib/format";

function deliveryJson(d: DeliveryWithAttempts): z.input<typeof deliveryResource> {
  return {
    id: d.id,
    event: d.event,
    tag: d.tag,
    digest: d.digest,
    status: d.status,
    next_attempt_at: isoOrNull(d.nextAttemptAt),
    redelivery_of: d.redeliveryOfId,
    callback: d.callbackState ? { state: d.callbackState, description: d.callbackDescription } : null,
    payload: d.payload,
    created_at: d.createdAt.toISOString(),
    completed_at: isoOrNull(d.completedAt),
    attempts: d.attemptLog.map((a) => ({
      attempt: a.attempt,
      url: a.url,
      started_at: a.startedAt.toISOString(),
      finished_at: isoOrNull(a.finishedAt),
      status_code: a.statusCode,
      duration_ms: a.durationMs,
      error: a.error,
      response_excerpt: a.responseExcerpt,
    })),
  };
}

export const sendTestDeliveryEndpoint = endpoint({
  operationId: "sendWebhookTest",
  method: "POST",
  path: "/repositories/{namespace}/{name}/webhooks/{id}/test",
  tag: "Webhooks",
  summary: "Queue a sample delivery (event test, tag test-tag) to the webhook, even when paused (admins)",
  scope: "write",
  params: webhookPathParams,
  status: 202,
  response: queuedDeliveryResource,
  handler: async ({ params, actor }) => ({ delivery_id: (await sendTestDelivery(actor, params, params.id)).id }),
});

export const rotateWebhookSecretEndpoint = endpoint({
  operationId: "rotateWebhookSecret",
  method: "POST",
  path: "/repositories/{namespace}/{name}/webhooks/{id}/secret",
  tag: "Webhooks",
  summary: "Replace the webhook's signing secret (admins); the answer holds the new one",
  scope: "write",
  params: webhookPathParams,
  status: 200,
  response: webhookSecretResource,
  handler: async ({ params, actor }) => rotateWebhookSecret(actor, params, params.id),
});

export const listDeliveriesEndpoint = endpoint({
  operationId: "listWebhookDeliveries",
  method: "GET",
  path: "/repositories/{namespace}/{name}/webhooks/{id}/deliveries",
  tag: "Webhooks",
  summary: "The webhook's delivery log, newest first, each delivery with its attempts (admins)",
  scope: "read",
  params: webhookPathParams,
  query: deliveryListQuery,
  status: 200,
  response: pageOf(deliveryResource),
  handler: async ({ params, query, actor, url }) => {
    const hook = await adminWebhook(actor, params, params.id);
    const { items, total } = await listDeliveries(hook.id, query.page, query.page_size);
    return paginate(url, query.page, query.page_size, total, items.map(deliveryJson));
  },
});

export const redeliverEndpoint = endpoint({
  operationId: "redeliverWebhookDelivery",
  method: "POST",
  path: "/repositories/{namespace}/{name}/webhooks/{id}/deliveries/{deliveryId}/redeliver",
  tag: "Webhooks",
  summary: "Send a delivery again, as a new delivery with the same body and a fresh signature (admins)",
  scope: "write",
  params: deliveryPathParams,
  status: 202,
  response: queuedDeliveryResource,
  handler: async ({ params, actor }) => ({
    delivery_id: (await redeliver(actor, params, params.id, params.deliveryId)).id,
  }),
});

export const webhookDeliveryEndpoints = [
  sendTestDeliveryEndpoint,
  rotateWebhookSecretEndpoint,
  listDeliveriesEndpoint,
  redeliverEndpoint,
];
