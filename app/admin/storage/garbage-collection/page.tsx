import { AutoRefresh } from "@/components/garbage-collection/auto-refresh";
import { GcRunList } from "@/components/garbage-collection/run-list";
import { GcScheduleForm } from "@/components/garbage-collection/schedule-form";
import { GcStartButton } from "@/components/garbage-collection/start-button";
import { Pagination } from "@/components/pagination";
import { Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { formatBytes } from "@/lib/format";
import { GC_PAGE, GC_PAGE_SIZE, loadGcOverview } from "@/lib/loaders/garbage-collection";
import { describeGcSchedule, gcPageSchema } from "@/lib/validations/garbage-collection";
import { pageCount } from "@/lib/validations/pagination";

export const metadata = { title: "Garbage collection" };

/** Reclaiming the disk space of deleted images: start a run, schedule them, read past runs. */
export default async function GarbageCollectionPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const page = gcPageSchema.parse((await searchParams).page);
  const { total, runs, schedule, storage, managed } = await loadGcOverview(page);
  const active = runs.some((r) => r.status === "queued" || r.status === "running");
  const reclaimable = storage.calculating ? "calculating…" : formatBytes(storage.reclaimableBytes);
  const now = new Date();
  return (
    <div className="max-w-5xl space-y-6">
      <AutoRefresh active={active} />
      <PageHeader
        title="Garbage collection"
        description="Deleting a tag removes it from the registry, but its layers stay on disk until garbage collection deletes the blobs no tagged image uses. Pulls keep working while it runs; pushes wait."
        actions={managed ? <GcStartButton reclaimable={reclaimable} disabled={active} /> : null}
      />
      {managed ? (
        <p className="text-sm text-slate-600" data-testid="gc-reclaimable">
          Reclaimable by the index: <strong>{reclaimable}</strong>. Scheduled: {describeGcSchedule(schedule)}.
        </p>
      ) : (
        <Notice role="note" data-testid="gc-external">
          This console uses an external registry (<code>REGISTRY_URL</code>), which it does not start or stop, so it
          cannot collect its garbage. Run <code>docker-registry garbage-collect /path/to/config.yml</code> on that
          registry yourself, with the registry stopped or in read-only mode (
          <code>storage.maintenance.readonly.enabled: true</code>); never with <code>--delete-untagged</code>, which
          deletes the platform manifests of multi-platform images.
        </Notice>
      )}
      {managed ? (
        <Section
          title="Schedule"
          description="Runs by itself at the hour (UTC) on one console; a run already going skips the slot."
        >
          <GcScheduleForm current={schedule} />
        </Section>
      ) : null}
      <section aria-labelledby="gc-runs" className="space-y-3">
        <h2 id="gc-runs" className="text-base font-semibold">
          Runs
        </h2>
        {total === 0 ? (
          <EmptyState title="No garbage collection has run yet" testId="gc-empty">
            {managed
              ? "Start one above, or set a schedule. Each run is listed here with what it freed."
              : "Runs of the console's own registry are listed here; this console has none."}
          </EmptyState>
        ) : (
          <>
            <GcRunList runs={runs} now={now} href={(id) => `${GC_PAGE}/${id}`} />
            <Pagination page={page} pages={pageCount(total, GC_PAGE_SIZE)} href={(p) => `${GC_PAGE}?page=${p}`} />
          </>
        )}
      </section>
    </div>
  );
}
