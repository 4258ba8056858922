// POST /api/webhooks/callback/:deliveryId/:mac — a webhook receiver reports on a delivery (Docker Hub's callback_url).
import { errorBody, errorResponse } from "@/lib/http/errors";
import { KB, parseJson, readBodyText } from "@/lib/http/read-body";
import { recordDeliveryCallback } from "@/lib/services/webhook-delivery/record-callback";
import { deliveryCallbackParamsSchema, deliveryCallbackSchema } from "@/lib/validations/webhook";

export const dynamic = "force-dynamic";

// Anyone can post here (the MAC is checked after parsing). The longest valid body, 2,355
// characters of strings each written as a six-byte \u escape, is ~14 KB.
const MAX_BODY_BYTES = 16 * KB;

export async function POST(
  request: Request,
  { params }: { params: Promise<{ deliveryId: string; mac: string }> },
): Promise<Response> {
  const p = deliveryCallbackParamsSchema.safeParse(await params);
  if (!p.success) return Response.json(errorBody("NOT_FOUND", "Unknown delivery"), { status: 404 });
  let json: unknown;
  try {
    json = parseJson(await readBodyText(request, MAX_BODY_BYTES));
  } catch (err) {
    // 413 PAYLOAD_TOO_LARGE, 400 JSON_TOO_DEEP or MALFORMED_JSON.
    return errorResponse(err, "webhook callback");
  }
  const body = deliveryCallbackSchema.safeParse(json);
  if (!body.success)
    return Response.json(
      errorBody("VALIDATION_FAILED", "expected { state: success|failure|error|pending, description? }", {
        issues: body.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
      }),
      { status: 400 },
    );
  try {
    await recordDeliveryCallback(p.data.deliveryId, p.data.mac, body.data);
    return Response.json({ ok: true });
  } catch (err) {
    return errorResponse(err, "webhook callback");
  }
}
