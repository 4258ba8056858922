import { DailyBarChart } from "@/components/charts/daily-bar-chart";
import { Card } from "@/components/ui/card";
import { formatBytes, formatCount } from "@/lib/format";

/**
 * The registry's stored bytes per UTC day: past days from the daily snapshots
 * (lib/jobs/storage-snapshots.ts), today as it stands. Only days with a figure have a bar: a day
 * the console was down is left out, not drawn as zero.
 */
export function StorageHistoryChart({
  data,
  days,
  today,
}: {
  data: Array<{ day: string; uniqueBytes: number }>;
  days: number;
  today: string;
}) {
  const max = Math.max(0, ...data.map((d) => d.uniqueBytes));
  // Every day of the window has its slot, so one day's bar is one day wide, not the whole chart.
  const byDay = new Map(data.map((d) => [d.day, d.uniqueBytes]));
  const end = Date.parse(`${today}T00:00:00Z`);
  const slots = Array.from({ length: days }, (_, i) => {
    const day = new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { day, value: byDay.get(day) ?? null };
  });
  return (
    <Card role="region" aria-labelledby="storage-history-heading" data-testid="storage-history">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="storage-history-heading" className="font-semibold">
          Storage over time
        </h2>
        <p className="text-sm text-slate-600" data-testid="storage-history-days">
          {formatCount(data.length, "day")} of the last {days}
        </p>
      </div>
      {max === 0 ? (
        <p className="py-8 text-center text-sm text-slate-500">
          Nothing stored yet. Past days come from a snapshot the console takes early each UTC day.
        </p>
      ) : (
        <DailyBarChart
          data={slots}
          label={(n) => `${formatBytes(n)} stored`}
          ariaLabel={`Bytes stored per day over the last ${days} days, at most ${formatBytes(max)}`}
          barTestId="storage-bar"
          valueAttr="data-bytes"
        />
      )}
    </Card>
  );
}
