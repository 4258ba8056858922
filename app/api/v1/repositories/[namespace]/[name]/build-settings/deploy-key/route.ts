// POST /api/v1/repositories/{namespace}/{name}/build-settings/deploy-key — a new deploy key (admins).
import { handle } from "@/lib/api/handle";
import { generateBuildDeployKeyEndpoint } from "@/lib/api/endpoints/builds";

export const dynamic = "force-dynamic";
export const POST = handle(generateBuildDeployKeyEndpoint);
