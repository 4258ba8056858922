// GET /api/v1/namespaces/{namespace}/retention-runs/{id} — one run with its per-repository record.
import { handle } from "@/lib/api/handle";
import { getRetentionRunEndpoint } from "@/lib/api/endpoints/retention";

export const dynamic = "force-dynamic";
export const GET = handle(getRetentionRunEndpoint);
