// GET /api/v1/repositories/{namespace}/{name}/storage/deletion — what deleting tags (or the whole
// repository) would free, asked before deleting (admins).
import { handle } from "@/lib/api/handle";
import { getDeletionImpactEndpoint } from "@/lib/api/endpoints/storage";

export const dynamic = "force-dynamic";
export const GET = handle(getDeletionImpactEndpoint);
