// POST /api/registry/events — the registry's notification endpoint (shared-secret bearer auth).
import { getEnv } from "@/lib/env";
import { indexPushedManifests } from "@/lib/jobs/index-maintenance";
import { errorBody, errorResponse } from "@/lib/http/errors";
import { MB, parseJson, readBodyText } from "@/lib/http/read-body";
import { safeEqual } from "@/lib/http/secrets";
import { recordRegistryEvents } from "@/lib/services/registry-event/record";
import { registryEnvelopeSchema } from "@/lib/validations/registry-events";

export const dynamic = "force-dynamic";

/**
 * The registry sends one event per envelope (distribution's bridge writes each event on its own),
 * a few KB; but with `includereferences` (lib/runtime/registry-process.ts) a manifest push carries
 * the manifest's descriptors, and manifests may be 4 MB (distribution's maxManifestBodySize), which
 * Go's encoder can grow up to six times (`<` becomes `\u003c`). An envelope refused here is
 * retried by the registry forever and holds up every event behind it, so the limit sits above
 * anything the registry can send; only the registry (it has the secret) gets this far.
 */
const MAX_ENVELOPE_BYTES = 32 * MB;

export async function POST(request: Request): Promise<Response> {
  const auth = request.headers.get("authorization") ?? "";
  const presented = auth.startsWith("Bearer ") ? auth.slice(7) : "";
  if (!presented || !safeEqual(presented, getEnv().REGISTRY_EVENTS_SECRET)) {
    return Response.json(errorBody("UNAUTHORIZED", "missing or wrong event secret"), { status: 401 });
  }
  let json: unknown;
  try {
    json = parseJson(await readBodyText(request, MAX_ENVELOPE_BYTES));
  } catch (err) {
    // 413 PAYLOAD_TOO_LARGE, 400 JSON_TOO_DEEP or MALFORMED_JSON.
    return errorResponse(err, "registry events endpoint");
  }
  const envelope = registryEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return Response.json(
      errorBody("VALIDATION_FAILED", "not a registry event envelope", {
        issues: envelope.error.issues.slice(0, 10).map((i) => `${i.path.join(".")}: ${i.message}`),
      }),
      { status: 400 },
    );
  }
  try {
    const { received, stored, pushed } = await recordRegistryEvents(envelope.data);
    // Describing a pushed manifest means calling the registry back: after the answer, so the
    // registry's delivery is acknowledged at once (the console is a long-running process, and
    // indexPushedManifests never rejects). Queued webhooks and mails go out right away (enqueuing
    // wakes the job worker once the events' transaction commits).
    void indexPushedManifests(pushed);
    return Response.json({ received, stored });
  } catch (err) {
    // A 5xx makes the registry retry the envelope, which is what we want when the database is down.
    return errorResponse(err, "registry events endpoint");
  }
}
