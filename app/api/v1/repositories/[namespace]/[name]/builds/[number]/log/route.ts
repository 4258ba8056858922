// GET /api/v1/repositories/{namespace}/{name}/builds/{number}/log — a build's log, a slice at a time (admins).
import { handle } from "@/lib/api/handle";
import { getBuildLogEndpoint } from "@/lib/api/endpoints/build-records";

export const dynamic = "force-dynamic";
export const GET = handle(getBuildLogEndpoint);
