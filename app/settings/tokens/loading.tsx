import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-8" aria-busy="true" aria-label="Loading tokens">
      <Skeleton className="h-72" />
      <Skeleton className="h-40" />
    </div>
  );
}
