/** The audit log while it loads: heading, filter row and a few table rows, in the shapes of the real page. */
export function AuditLogSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading audit log">
      <div className="space-y-2">
        <div className="h-6 w-32 animate-pulse rounded bg-slate-200" />
        <div className="h-4 w-2/3 animate-pulse rounded bg-slate-200" />
      </div>
      <div className="h-16 animate-pulse rounded-lg bg-slate-200" />
      <div className="h-80 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}
