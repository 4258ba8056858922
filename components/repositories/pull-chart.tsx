import { DailyBarChart } from "@/components/charts/daily-bar-chart";
import { Card } from "@/components/ui/card";
import { PillLink } from "@/components/ui/pill-link";
import { formatCount } from "@/lib/format";

/**
 * Pulls per day as an SVG bar chart rendered on the server (no chart library shipped to the
 * browser). Each bar has a <title>, so hovering shows the day and its count; the period switch
 * is a link (`?days=30|90`), so it lives in the URL.
 */
export function PullChart({
  data,
  days,
  hrefFor,
}: {
  data: Array<{ day: string; pulls: number }>;
  days: 30 | 90;
  hrefFor: (days: 30 | 90) => string;
}) {
  const max = Math.max(1, ...data.map((d) => d.pulls));
  const total = data.reduce((n, d) => n + d.pulls, 0);
  return (
    <Card role="region" aria-labelledby="pull-chart-heading" data-testid="pull-chart">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="pull-chart-heading" className="font-semibold">
          Pulls per day
        </h2>
        <p className="text-sm text-slate-600" data-testid="pull-chart-total">
          {formatCount(total, "pull")} in the last {days} days
        </p>
        <nav aria-label="Period" className="flex gap-1 text-sm">
          {([30, 90] as const).map((d) => (
            <PillLink
              key={d}
              href={hrefFor(d)}
              scroll={false}
              active={d === days}
              aria-current={d === days ? "page" : undefined}
            >
              {d} days
            </PillLink>
          ))}
        </nav>
      </div>
      {total === 0 ? (
        <p className="py-8 text-center text-sm text-slate-500">No pulls in the last {days} days.</p>
      ) : (
        <DailyBarChart
          data={data.map((d) => ({ day: d.day, value: d.pulls }))}
          label={(n) => formatCount(n, "pull")}
          ariaLabel={`Pulls per day over the last ${days} days, at most ${formatCount(max, "pull")} a day`}
          barTestId="pull-bar"
          valueAttr="data-pulls"
        />
      )}
    </Card>
  );
}
