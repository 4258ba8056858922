// GET /api/v1/namespaces/{namespace}/storage — a namespace's storage figures (owners and operators).
import { handle } from "@/lib/api/handle";
import { getNamespaceStorageEndpoint } from "@/lib/api/endpoints/storage";

export const dynamic = "force-dynamic";
export const GET = handle(getNamespaceStorageEndpoint);
