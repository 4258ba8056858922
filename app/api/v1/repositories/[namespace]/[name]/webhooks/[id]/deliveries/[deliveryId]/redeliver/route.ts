// POST /api/v1/repositories/{namespace}/{name}/webhooks/{id}/deliveries/{deliveryId}/redeliver — send a delivery again (admins).
import { handle } from "@/lib/api/handle";
import { redeliverEndpoint } from "@/lib/api/endpoints/webhook-deliveries";

export const dynamic = "force-dynamic";
export const POST = handle(redeliverEndpoint);
