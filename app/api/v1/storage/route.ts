// GET /api/v1/storage — the registry's storage figures (site operators).
import { handle } from "@/lib/api/handle";
import { getSiteStorageEndpoint } from "@/lib/api/endpoints/storage";

export const dynamic = "force-dynamic";
export const GET = handle(getSiteStorageEndpoint);
