// POST /api/v1/repositories/{namespace}/{name}/webhooks/{id}/test — queue a sample delivery (admins).
import { handle } from "@/lib/api/handle";
import { sendTestDeliveryEndpoint } from "@/lib/api/endpoints/webhook-deliveries";

export const dynamic = "force-dynamic";
export const POST = handle(sendTestDeliveryEndpoint);
