import { DailyBarChart } from "@/components/charts/daily-bar-chart";
import { Card } from "@/components/ui/card";
import { formatBytes, formatCount } from "@/lib/format";

/**
 * The registry's stored bytes per UTC day, from the daily snapshots (lib/jobs/storage-snapshots.ts).
 * Only days with a snapshot have a bar: a day the console was down is left out, not drawn as zero.
 */
export function StorageHistoryChart({
  data,
  days,
}: {
  data: Array<{ day: string; uniqueBytes: number }>;
  days: number;
}) {
  const max = Math.max(0, ...data.map((d) => d.uniqueBytes));
  return (
    <Card role="region" aria-labelledby="storage-history-heading" data-testid="storage-history">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="storage-history-heading" className="font-semibold">
          Storage over time
        </h2>
        <p className="text-sm text-slate-600">
          {formatCount(data.length, "daily snapshot")} in the last {days} days
        </p>
      </div>
      {data.length === 0 ? (
        <p className="py-8 text-center text-sm text-slate-500">
          No snapshot yet: the console takes one in the first hour of each UTC day.
        </p>
      ) : (
        <DailyBarChart
          data={data.map((d) => ({ day: d.day, value: d.uniqueBytes }))}
          label={(n) => `${formatBytes(n)} stored`}
          ariaLabel={`Bytes stored per day over the last ${days} days, at most ${formatBytes(max)}`}
          barTestId="storage-bar"
          valueAttr="data-bytes"
        />
      )}
    </Card>
  );
}
