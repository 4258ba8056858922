import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="grid gap-8 md:grid-cols-[280px_1fr]" aria-busy="true" aria-label="Loading profile">
      <Skeleton className="h-64" />
      <Skeleton className="h-48" />
    </div>
  );
}
