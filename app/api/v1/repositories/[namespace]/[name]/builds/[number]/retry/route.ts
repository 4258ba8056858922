// POST /api/v1/repositories/{namespace}/{name}/builds/{number}/retry — build a finished build again (admins).
import { handle } from "@/lib/api/handle";
import { retryBuildEndpoint } from "@/lib/api/endpoints/build-records";

export const dynamic = "force-dynamic";
export const POST = handle(retryBuildEndpoint);
