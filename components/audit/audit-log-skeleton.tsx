import { Skeleton } from "@/components/ui/skeleton";

/** The audit log while it loads: heading, filter row and a few table rows, in the shapes of the real page. */
export function AuditLogSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading audit log">
      <div className="space-y-2">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="h-4 w-2/3" />
      </div>
      <Skeleton className="h-16" />
      <Skeleton className="h-80" />
    </div>
  );
}
