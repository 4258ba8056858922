import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="mx-auto max-w-3xl space-y-4" aria-busy="true" aria-label="Loading notifications">
      <Skeleton className="h-10" />
      <Skeleton className="h-80" />
    </div>
  );
}
