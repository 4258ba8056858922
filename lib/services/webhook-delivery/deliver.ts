import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { webhookDeliveries, webhookDeliveryAttempts, webhooks } from "@/db/schema";
import { decryptSecret } from "@/lib/security/crypto";
import { allowPrivateWebhookTargets } from "@/lib/data/site-settings";
import { getEnv } from "@/lib/env";
import { backoffMs, type ClaimedJob, type JobOutcome } from "@/lib/services/job/types";
import { postJson, type PostResult } from "@/lib/webhooks/post";
import { SIGNATURE_HEADER, signPayload } from "@/lib/webhooks/signature";
import { resolveWebhookTarget, UnsafeTargetError } from "@/lib/webhooks/ssrf";

/** Worth another try: the receiver is down, overloaded or slow. Other 4xx/3xx answers will not change by retrying. */
function retryable(result: PostResult | null): boolean {
  if (!result) return true;
  return result.statusCode >= 500 || result.statusCode === 408 || result.statusCode === 429;
}

/**
 * The `webhook-delivery` queue's handler: one HTTP attempt for one delivery. The attempt row is
 * written before the request and completed after it, so an attempt cut short by a crash shows up
 * in the log. The target is resolved and checked again here (see lib/webhooks/ssrf.ts).
 */
export async function deliverWebhook(job: ClaimedJob): Promise<JobOutcome> {
  const deliveryId = String(job.payload.deliveryId);
  const db = getDb();
  const [row] = await db
    .select({ delivery: webhookDeliveries, url: webhooks.url, secretEnc: webhooks.secretEnc })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, deliveryId))
    .limit(1);
  // The webhook (and so its deliveries) was deleted meanwhile: nothing left to send.
  if (!row) return { kind: "done" };
  const env = getEnv();
  await db
    .update(webhookDeliveryAttempts)
    .set({ finishedAt: new Date(), error: "interrupted: the console stopped before the receiver answered" })
    .where(and(eq(webhookDeliveryAttempts.deliveryId, deliveryId), isNull(webhookDeliveryAttempts.finishedAt)));

  const body = JSON.stringify(row.delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  // A secret this process cannot decrypt (a replica started with other keys) must still show as a
  // failed attempt in the log, not vanish as an internal error; another process may succeed.
  let signature = "";
  let signError: string | null = null;
  try {
    signature = signPayload(decryptSecret(row.secretEnc, "webhook-secret"), body, timestamp);
  } catch {
    signError =
      "The console could not sign this delivery: the webhook secret cannot be decrypted with this console's keys (every console process must use the same .data/keys).";
  }
  const headers = {
    "Content-Type": "application/json",
    "User-Agent": "Dockyard-Webhook/1.0",
    "X-Dockyard-Event": row.delivery.event,
    "X-Dockyard-Delivery": deliveryId,
    [SIGNATURE_HEADER]: signature,
  };
  const [attempt] = await db
    .insert(webhookDeliveryAttempts)
    .values({
      deliveryId,
      attempt: job.attempts,
      url: row.url,
      requestHeaders: { ...headers, [SIGNATURE_HEADER]: `t=${timestamp},v1=…` },
    })
    .onConflictDoUpdate({
      target: [webhookDeliveryAttempts.deliveryId, webhookDeliveryAttempts.attempt],
      set: { startedAt: new Date(), url: row.url, finishedAt: null },
    })
    .returning({ id: webhookDeliveryAttempts.id });

  let result: PostResult | null = null;
  let error: string | null = null;
  let permanent = false;
  const started = performance.now();
  try {
    if (signError) throw new Error(signError);
    const target = await resolveWebhookTarget(row.url, await allowPrivateWebhookTargets());
    result = await postJson(target, headers, body, env.WEBHOOK_TIMEOUT_MS);
    if (result.statusCode < 200 || result.statusCode >= 300) error = `HTTP ${result.statusCode}`;
  } catch (err) {
    permanent = err instanceof UnsafeTargetError;
    error = err instanceof Error ? err.message : String(err);
  }
  const ok = error === null;
  const willRetry = !ok && !permanent && retryable(result) && job.attempts < job.maxAttempts;
  const delayMs = backoffMs(env.WEBHOOK_RETRY_BASE_SECONDS * 1000, job.attempts);
  await transaction(async (tx) => {
    await tx
      .update(webhookDeliveryAttempts)
      .set({
        finishedAt: new Date(),
        durationMs: result?.durationMs ?? Math.round(performance.now() - started),
        statusCode: result?.statusCode ?? null,
        error,
        responseExcerpt: result?.excerpt ?? null,
      })
      .where(eq(webhookDeliveryAttempts.id, attempt!.id));
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: job.attempts,
        status: ok ? "succeeded" : willRetry ? "retrying" : "failed",
        nextAttemptAt: willRetry ? new Date(Date.now() + delayMs) : null,
        completedAt: ok || !willRetry ? new Date() : null,
      })
      .where(eq(webhookDeliveries.id, deliveryId));
  });
  if (ok) return { kind: "done" };
  return willRetry ? { kind: "retry", delayMs, error: error! } : { kind: "fail", error: error! };
}
