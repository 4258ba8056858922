// GET/PUT /api/v1/namespaces/{namespace}/retention-policy — read and replace the tag retention policy.
import { handle } from "@/lib/api/handle";
import { getRetentionPolicyEndpoint, replaceRetentionPolicyEndpoint } from "@/lib/api/endpoints/retention";

export const dynamic = "force-dynamic";
export const GET = handle(getRetentionPolicyEndpoint);
export const PUT = handle(replaceRetentionPolicyEndpoint);
