// DELETE /api/v1/namespaces/{namespace}/immutable-tag-rules/{id} — delete an immutable tag rule.
import { handle } from "@/lib/api/handle";
import { deleteImmutableRuleEndpoint } from "@/lib/api/endpoints/immutable-tag-rules";

export const dynamic = "force-dynamic";
export const DELETE = handle(deleteImmutableRuleEndpoint);
