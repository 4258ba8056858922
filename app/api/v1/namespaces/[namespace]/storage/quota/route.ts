// PUT /api/v1/namespaces/{namespace}/storage/quota — a namespace's own storage quota (site operators).
import { handle } from "@/lib/api/handle";
import { setNamespaceQuotaEndpoint } from "@/lib/api/endpoints/storage";

export const dynamic = "force-dynamic";
export const PUT = handle(setNamespaceQuotaEndpoint);
