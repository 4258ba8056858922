import { Skeleton } from "@/components/ui/skeleton";

export default function ImageLoading() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading the image">
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-10" />
      <Skeleton className="h-64" />
    </div>
  );
}
