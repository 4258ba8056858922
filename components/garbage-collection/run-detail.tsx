import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { GcRunView } from "@/lib/data/registry-gc";
import { formatBytes, formatNumber } from "@/lib/format";
import { GcRunStatus } from "./run-status";
import { freedText, secondsBetween, whoText } from "./run-figures";

const bytes = (n: number | null) => (n === null ? "—" : formatBytes(n));

/** One run: its figures as a definition list, then the log (steps and garbage-collect's output). */
export function GcRunDetail({ run, now }: { run: GcRunView; now: Date }) {
  const duration = secondsBetween(run.startedAt, run.finishedAt);
  const paused = secondsBetween(run.readOnlySince, run.readOnlyUntil);
  const rows: Array<[string, React.ReactNode]> = [
    ["Status", <GcRunStatus key="s" status={run.status} />],
    ["Started by", whoText(run)],
    ["Queued", <Time key="q" value={run.createdAt} now={now} />],
    ["Started", run.startedAt ? <Time key="st" value={run.startedAt} now={now} /> : "—"],
    ["Finished", run.finishedAt ? <Time key="f" value={run.finishedAt} now={now} /> : "—"],
    ["Duration", duration === null ? "—" : `${duration} s`],
    ["Pushes paused", paused === null ? "—" : `${paused} s`],
    ["Predicted (index)", bytes(run.predictedBytes)],
    ["Blobs on disk before", bytes(run.bytesBefore)],
    ["Blobs on disk after", bytes(run.bytesAfter)],
    ["Freed", freedText(run)],
    ["Blobs removed", run.blobsRemoved === null ? "—" : formatNumber(run.blobsRemoved)],
  ];
  return (
    <div className="space-y-6">
      <Card>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]" data-testid="gc-run-figures">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="tabular-nums">{v}</dd>
            </div>
          ))}
        </dl>
        {run.error ? (
          <p className="mt-4 text-sm text-red-700" role="alert">
            {run.error}
          </p>
        ) : null}
      </Card>
      <section aria-labelledby="gc-log">
        <h2 id="gc-log" className="mb-2 text-base font-semibold">
          Log
        </h2>
        <pre
          className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-4 text-xs whitespace-pre-wrap"
          data-testid="gc-run-log"
        >
          {run.log || "Nothing yet."}
        </pre>
      </section>
    </div>
  );
}
