// GET /api/v1/namespaces/{namespace}/audit-log — a namespace's audit log (owners and operators).
import { handle } from "@/lib/api/handle";
import { listAuditLogEndpoint } from "@/lib/api/endpoints/audit-log";

export const dynamic = "force-dynamic";
export const GET = handle(listAuditLogEndpoint);
