// GET|PUT /api/v1/repositories/{namespace}/{name}/build-settings — a repository's build source (admins).
import { handle } from "@/lib/api/handle";
import { getBuildSettingsEndpoint, updateBuildSettingsEndpoint } from "@/lib/api/endpoints/builds";

export const dynamic = "force-dynamic";
export const GET = handle(getBuildSettingsEndpoint);
export const PUT = handle(updateBuildSettingsEndpoint);
