import { Pagination } from "@/components/pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { Time } from "@/components/ui/time";
import type { RetentionRunRow } from "@/lib/data/retention";
import { formatBytes, formatNumber } from "@/lib/format";
import { RunStatus } from "./run-status";

/** The history of a namespace's runs, newest first, `?page=` in the URL. */
export function RunsTable({
  basePath,
  runs,
  page,
  pages,
  now,
}: {
  basePath: string;
  runs: RetentionRunRow[];
  page: number;
  pages: number;
  now: Date;
}) {
  if (runs.length === 0)
    return (
      <EmptyState title="No runs yet" testId="retention-runs-empty">
        Start a dry run to see what the rules would delete and how many bytes that frees, without deleting anything.
      </EmptyState>
    );
  return (
    <div className="space-y-4">
      <Table headers={["Started", "Status", "By", "Repositories", "Kept", "Deleted", "Freed", null]}>
        {runs.map((r) => (
          <tr key={r.id} data-testid="retention-run">
            <td className="px-3 py-2 whitespace-nowrap">
              <Time value={r.startedAt ?? r.createdAt} now={now} />
            </td>
            <td className="px-3 py-2">
              <RunStatus run={r} />
            </td>
            <td className="px-3 py-2 text-slate-600">
              {r.trigger === "schedule" ? "schedule" : (r.triggeredBy ?? "a former member")}
            </td>
            <td className="px-3 py-2 tabular-nums">{formatNumber(r.repositories)}</td>
            <td className="px-3 py-2 tabular-nums">{formatNumber(r.retained)}</td>
            <td className="px-3 py-2 tabular-nums">{formatNumber(r.deleted)}</td>
            <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatBytes(r.bytesFreed)}</td>
            <td className="px-3 py-2 text-right">
              <TextLink href={`${basePath}/runs/${r.id}`}>Details</TextLink>
            </td>
          </tr>
        ))}
      </Table>
      <Pagination page={page} pages={pages} href={(p) => `${basePath}?page=${p}`} />
    </div>
  );
}
