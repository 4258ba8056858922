// GET|POST /api/v1/repositories/{namespace}/{name}/build-rules — a repository's build rules: list and add (admins).
import { handle } from "@/lib/api/handle";
import { createBuildRuleEndpoint, listBuildRulesEndpoint } from "@/lib/api/endpoints/builds";

export const dynamic = "force-dynamic";
export const GET = handle(listBuildRulesEndpoint);
export const POST = handle(createBuildRuleEndpoint);
