// GET/POST /api/v1/namespaces/{namespace}/retention-runs — list runs, start one (dry by default).
import { handle } from "@/lib/api/handle";
import { listRetentionRunsEndpoint, startRetentionRunEndpoint } from "@/lib/api/endpoints/retention";

export const dynamic = "force-dynamic";
export const GET = handle(listRetentionRunsEndpoint);
export const POST = handle(startRetentionRunEndpoint);
