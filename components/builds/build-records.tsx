import { Pagination, listUrl } from "@/components/pagination";
import { EmptyState } from "@/components/ui/empty-state";
import type { BuildView } from "@/lib/data/builds";
import { BuildTable } from "./build-table";
import { RefreshWhileActive } from "./refresh-while-active";
import { isActiveBuild } from "@/lib/loaders/builds";

/**
 * A page of builds with its pager (`?page=` in the URL), refreshed every few seconds while one of
 * them is queued or running; the empty state says how a first build starts.
 */
export function BuildRecords({
  namespace,
  name,
  builds,
  positions,
  page,
  pages,
  basePath,
  empty,
}: {
  namespace: string;
  name?: string;
  builds: Array<BuildView & { repository?: string }>;
  positions: Record<string, number>;
  page: number;
  pages: number;
  basePath: string;
  empty: { title: string; text: React.ReactNode };
}) {
  if (builds.length === 0)
    return (
      <EmptyState title={empty.title} testId="builds-empty">
        {empty.text}
      </EmptyState>
    );
  return (
    <div className="space-y-4">
      <RefreshWhileActive active={builds.some(isActiveBuild)} />
      <BuildTable namespace={namespace} name={name} builds={builds} positions={positions} now={new Date()} />
      <Pagination page={page} pages={pages} href={(p) => listUrl(basePath, { page: p })} />
    </div>
  );
}
