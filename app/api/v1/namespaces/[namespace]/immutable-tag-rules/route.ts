// GET/POST /api/v1/namespaces/{namespace}/immutable-tag-rules — list and add immutable tag rules.
import { handle } from "@/lib/api/handle";
import { createImmutableRuleEndpoint, listImmutableRulesEndpoint } from "@/lib/api/endpoints/immutable-tag-rules";

export const dynamic = "force-dynamic";
export const GET = handle(listImmutableRulesEndpoint);
export const POST = handle(createImmutableRuleEndpoint);
