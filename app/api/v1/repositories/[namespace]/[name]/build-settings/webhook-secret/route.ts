// POST /api/v1/repositories/{namespace}/{name}/build-settings/webhook-secret — a new build webhook secret (admins).
import { handle } from "@/lib/api/handle";
import { rotateBuildWebhookSecretEndpoint } from "@/lib/api/endpoints/builds";

export const dynamic = "force-dynamic";
export const POST = handle(rotateBuildWebhookSecretEndpoint);
