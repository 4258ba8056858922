// GET|POST /api/v1/repositories/{namespace}/{name}/builds — a repository's builds: list, and "Build now" (admins).
import { handle } from "@/lib/api/handle";
import { listBuildsEndpoint, startBuildEndpoint } from "@/lib/api/endpoints/build-records";

export const dynamic = "force-dynamic";
export const GET = handle(listBuildsEndpoint);
export const POST = handle(startBuildEndpoint);
