import { AuditLogSkeleton } from "@/components/audit/audit-log-skeleton";

export default AuditLogSkeleton;
