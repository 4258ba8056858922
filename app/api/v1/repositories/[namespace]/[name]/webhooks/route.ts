// GET|POST /api/v1/repositories/{namespace}/{name}/webhooks — a repository's webhooks: list and create (admins).
import { handle } from "@/lib/api/handle";
import { createWebhookEndpoint, listWebhooksEndpoint } from "@/lib/api/endpoints/webhooks";

export const dynamic = "force-dynamic";
export const GET = handle(listWebhooksEndpoint);
export const POST = handle(createWebhookEndpoint);
