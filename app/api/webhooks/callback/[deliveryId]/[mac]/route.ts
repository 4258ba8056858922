// POST /api/webhooks/callback/:deliveryId/:mac — a webhook receiver reports on a delivery (Docker Hub's callback_url).
import { errorBody, errorResponse } from "@/lib/http/errors";
import { recordDeliveryCallback } from "@/lib/services/webhook-delivery/record-callback";
import { deliveryCallbackParamsSchema, deliveryCallbackSchema } from "@/lib/validations/webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ deliveryId: string; mac: string }> }): Promise<Response> {
  const p = deliveryCallbackParamsSchema.safeParse(await params);
  if (!p.success) return Response.json(errorBody("NOT_FOUND", "Unknown delivery"), { status: 404 });
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return Response.json(errorBody("MALFORMED_JSON", "body is not JSON"), { status: 400 });
  }
  const body = deliveryCallbackSchema.safeParse(json);
  if (!body.success) return Response.json(errorBody("VALIDATION_FAILED", "expected { state: success|failure|error|pending, description? }", { issues: body.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }), { status: 400 });
  try {
    await recordDeliveryCallback(p.data.deliveryId, p.data.mac, body.data);
    return Response.json({ ok: true });
  } catch (err) {
    return errorResponse(err, "webhook callback");
  }
}
