// GET|POST /api/v1/admin/garbage-collection — garbage-collection runs: list, and start one (site operators).
import { handle } from "@/lib/api/handle";
import { listGcRunsEndpoint, startGcEndpoint } from "@/lib/api/endpoints/garbage-collection";

export const dynamic = "force-dynamic";
export const GET = handle(listGcRunsEndpoint);
export const POST = handle(startGcEndpoint);
