// GET|PATCH|DELETE /api/v1/repositories/{namespace}/{name}/webhooks/{id} — one webhook (admins).
import { handle } from "@/lib/api/handle";
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from "@/lib/api/endpoints/webhooks";

export const dynamic = "force-dynamic";
export const GET = handle(getWebhookEndpoint);
export const PATCH = handle(updateWebhookEndpoint);
export const DELETE = handle(deleteWebhookEndpoint);
