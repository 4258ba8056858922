// PATCH|DELETE /api/v1/repositories/{namespace}/{name}/build-rules/{id} — one build rule (admins).
import { handle } from "@/lib/api/handle";
import { deleteBuildRuleEndpoint, updateBuildRuleEndpoint } from "@/lib/api/endpoints/builds";

export const dynamic = "force-dynamic";
export const PATCH = handle(updateBuildRuleEndpoint);
export const DELETE = handle(deleteBuildRuleEndpoint);
