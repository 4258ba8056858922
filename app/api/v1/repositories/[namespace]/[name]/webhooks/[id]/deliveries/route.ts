// GET /api/v1/repositories/{namespace}/{name}/webhooks/{id}/deliveries — the delivery log with attempts (admins).
import { handle } from "@/lib/api/handle";
import { listDeliveriesEndpoint } from "@/lib/api/endpoints/webhook-deliveries";

export const dynamic = "force-dynamic";
export const GET = handle(listDeliveriesEndpoint);
