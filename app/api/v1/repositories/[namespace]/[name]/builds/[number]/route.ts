// GET /api/v1/repositories/{namespace}/{name}/builds/{number} — one build's record (admins).
import { handle } from "@/lib/api/handle";
import { getBuildEndpoint } from "@/lib/api/endpoints/build-records";

export const dynamic = "force-dynamic";
export const GET = handle(getBuildEndpoint);
