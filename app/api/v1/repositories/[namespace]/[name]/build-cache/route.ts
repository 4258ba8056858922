// DELETE /api/v1/repositories/{namespace}/{name}/build-cache — clear the repository's layer cache (admins).
import { handle } from "@/lib/api/handle";
import { clearBuildCacheEndpoint } from "@/lib/api/endpoints/build-records";

export const dynamic = "force-dynamic";
export const DELETE = handle(clearBuildCacheEndpoint);
