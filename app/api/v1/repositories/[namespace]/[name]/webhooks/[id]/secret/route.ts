// POST /api/v1/repositories/{namespace}/{name}/webhooks/{id}/secret — rotate the signing secret (admins).
import { handle } from "@/lib/api/handle";
import { rotateWebhookSecretEndpoint } from "@/lib/api/endpoints/webhook-deliveries";

export const dynamic = "force-dynamic";
export const POST = handle(rotateWebhookSecretEndpoint);
