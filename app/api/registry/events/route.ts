// POST /api/registry/events — the registry's notification endpoint (shared-secret bearer auth).
import { getEnv } from "@/lib/env";
import { indexPushedManifests } from "@/lib/jobs/index-maintenance";
import { schedulePullRollup } from "@/lib/jobs/pull-rollup";
import { kickJobWorker } from "@/lib/jobs/worker";
import { errorBody, errorResponse } from "@/lib/http/errors";
import { safeEqual } from "@/lib/http/secrets";
import { recordRegistryEvents } from "@/lib/services/registry-event/record";
import { registryEnvelopeSchema } from "@/lib/validations/registry-events";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function POST(request: Request): Promise<Response> {
  const auth = request.headers.get("authorization") ?? "";
  const presented = auth.startsWith("Bearer ") ? auth.slice(7) : "";
  if (!presented || !safeEqual(presented, getEnv().REGISTRY_EVENTS_SECRET)) {
    return Response.json(errorBody("UNAUTHORIZED", "missing or wrong event secret"), { status: 401 });
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return Response.json(errorBody("PAYLOAD_TOO_LARGE", "envelope too large"), { status: 413 });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return Response.json(errorBody("MALFORMED_JSON", "body is not JSON"), { status: 400 });
  }
  const envelope = registryEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return Response.json(errorBody("VALIDATION_FAILED", "not a registry event envelope", { issues: envelope.error.issues.slice(0, 10).map((i) => `${i.path.join(".")}: ${i.message}`) }), { status: 400 });
  }
  try {
    const { received, stored, pushed, notified, pulls } = await recordRegistryEvents(envelope.data);
    // Describing a pushed manifest means calling the registry back: after the answer, so the
    // registry's delivery is acknowledged at once (the console is a long-running process, and
    // indexPushedManifests never rejects). Queued webhooks and mails go out right away, and new pulls
    // reach the counters a moment later.
    if (notified > 0) kickJobWorker();
    if (pulls > 0) schedulePullRollup();
    void indexPushedManifests(pushed);
    return Response.json({ received, stored });
  } catch (err) {
    // A 5xx makes the registry retry the envelope, which is what we want when the database is down.
    return errorResponse(err, "registry events endpoint");
  }
}
