import { AutoRefresh } from "@/components/garbage-collection/auto-refresh";
import { GcRunDetail } from "@/components/garbage-collection/run-detail";
import { PageHeader } from "@/components/ui/page-header";
import { TextLink } from "@/components/ui/text-link";
import { formatAbsolute } from "@/lib/format";
import { GC_PAGE, loadGcRun } from "@/lib/loaders/garbage-collection";

export const metadata = { title: "Garbage collection run" };

/** One run: figures, error and log; refreshes itself until the run is over. */
export default async function GarbageCollectionRunPage({ params }: { params: Promise<{ id: string }> }) {
  const run = await loadGcRun((await params).id);
  return (
    <div className="max-w-5xl space-y-6">
      <AutoRefresh active={run.status === "queued" || run.status === "running"} />
      <PageHeader
        title={`Garbage collection of ${formatAbsolute(run.createdAt)}`}
        description={<TextLink href={GC_PAGE}>← All runs</TextLink>}
      />
      <GcRunDetail run={run} now={new Date()} />
    </div>
  );
}
