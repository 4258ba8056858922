import type { SiteStorage } from "@/lib/data/storage";
import { formatBytes } from "@/lib/format";

/**
 * The registry's storage in three figures (Admin → Storage): what its tags keep stored, what they
 * would take if nothing were shared, and what no tag reaches any more (garbage collection's share).
 */
export function SiteStorageFigures({ site }: { site: SiteStorage }) {
  const figures = [
    ["Stored", site.uniqueBytes, "site-unique", "Every distinct manifest, config and layer a tag reaches, each once."],
    [
      "Across tags",
      site.taggedBytes,
      "site-tagged",
      "Each tag's full image summed over tags: the size without sharing.",
    ],
    ["Reclaimable", site.reclaimableBytes, "site-reclaimable", "Described bytes no tag reaches any more."],
  ] as const;
  return (
    <dl
      className="grid gap-4 sm:grid-cols-3"
      data-testid="site-storage"
      data-state={site.calculating ? "calculating" : "ready"}
    >
      {figures.map(([label, bytes, testId, help]) => (
        <div key={label} className="rounded-xl border border-slate-200 bg-surface p-5">
          <dt className="text-sm text-slate-600">{label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
            {site.calculating ? <span className="text-slate-500">Calculating…</span> : formatBytes(bytes)}
          </dd>
          <dd className="mt-1 text-xs text-slate-500">{help}</dd>
        </div>
      ))}
    </dl>
  );
}
