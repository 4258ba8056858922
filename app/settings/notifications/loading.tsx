import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading notification settings">
      <Skeleton className="h-96" />
    </div>
  );
}
