import Link from "next/link";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { GcRunView } from "@/lib/data/registry-gc";
import { formatNumber } from "@/lib/format";
import { GcRunStatus } from "./run-status";
import { freedText, secondsBetween, whoText } from "./run-figures";

/** Runs, newest first: status, when and by whom, how long pushes waited, what was freed. */
export function GcRunList({ runs, now, href }: { runs: GcRunView[]; now: Date; href: (id: string) => string }) {
  return (
    <Table headers={["Status", "Started", "By", "Duration", "Pushes paused", "Freed", "Blobs removed"]}>
      {runs.map((r) => {
        const duration = secondsBetween(r.startedAt, r.finishedAt);
        const paused = secondsBetween(r.readOnlySince, r.readOnlyUntil);
        return (
          <tr key={r.id} data-testid="gc-run">
            <td className="px-3 py-2">
              <Link
                href={href(r.id)}
                className="text-link hover:underline"
                aria-label={`Run of ${r.createdAt.toISOString()}`}
              >
                <GcRunStatus status={r.status} />
              </Link>
            </td>
            <td className="px-3 py-2 whitespace-nowrap">
              <Link href={href(r.id)} className="text-link hover:underline">
                <Time value={r.startedAt ?? r.createdAt} now={now} />
              </Link>
            </td>
            <td className="px-3 py-2">{whoText(r)}</td>
            <td className="px-3 py-2 tabular-nums">{duration === null ? "—" : `${duration} s`}</td>
            <td className="px-3 py-2 tabular-nums">{paused === null ? "—" : `${paused} s`}</td>
            <td className="px-3 py-2 tabular-nums" data-testid="gc-run-freed">
              {freedText(r)}
            </td>
            <td className="px-3 py-2 tabular-nums">{r.blobsRemoved === null ? "—" : formatNumber(r.blobsRemoved)}</td>
          </tr>
        );
      })}
    </Table>
  );
}
