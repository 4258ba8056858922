import { Skeleton } from "@/components/ui/skeleton";

/** Admin → Storage while it loads: the three figures, the chart and a table, in their shapes. */
export default function AdminStorageLoading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading storage">
      <div className="space-y-2">
        <Skeleton className="h-7 w-32" />
        <Skeleton className="h-4 w-2/3" />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
      </div>
      <Skeleton className="h-52" />
      <Skeleton className="h-80" />
    </div>
  );
}
