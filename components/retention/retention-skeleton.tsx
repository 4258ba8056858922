import { Skeleton } from "@/components/ui/skeleton";

/** While a retention page loads: the three sections' shapes. */
export function RetentionSkeleton() {
  return (
    <div className="space-y-8" aria-busy="true" aria-label="Loading tag retention">
      {[0, 1, 2].map((i) => (
        <div key={i} className="space-y-3 rounded-xl border border-slate-200 bg-surface p-6">
          <Skeleton className="h-5 w-48" />
          <Skeleton className="h-4 w-full max-w-xl" />
          <Skeleton className="h-24 w-full" />
        </div>
      ))}
    </div>
  );
}
