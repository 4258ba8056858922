import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading repositories">
      <Skeleton className="h-16" />
      <Skeleton className="h-64" />
    </div>
  );
}
