// GET /api/v1/admin/garbage-collection/{id} — one garbage-collection run, with its log (site operators).
import { handle } from "@/lib/api/handle";
import { getGcRunEndpoint } from "@/lib/api/endpoints/garbage-collection";

export const dynamic = "force-dynamic";
export const GET = handle(getGcRunEndpoint);
