// POST /api/v1/repositories/{namespace}/{name}/builds/{number}/cancel — cancel a queued or running build (admins).
import { handle } from "@/lib/api/handle";
import { cancelBuildEndpoint } from "@/lib/api/endpoints/build-records";

export const dynamic = "force-dynamic";
export const POST = handle(cancelBuildEndpoint);
