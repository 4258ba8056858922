import { Card } from "@/components/ui/card";
import { PillLink } from "@/components/ui/pill-link";
import { formatCount, formatDay } from "@/lib/format";

const HEIGHT = 120;

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
  const barWidth = 100 / data.length;
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
        <svg
          viewBox={`0 0 100 ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-32 w-full"
          role="img"
          aria-label={`Pulls per day over the last ${days} days, at most ${formatCount(max, "pull")} a day`}
        >
          {data.map((d, i) => {
            const h = (d.pulls / max) * (HEIGHT - 4);
            return (
              <rect
                key={d.day}
                x={i * barWidth + barWidth * 0.15}
                y={HEIGHT - h}
                width={barWidth * 0.7}
                height={Math.max(h, d.pulls > 0 ? 1 : 0)}
                className="fill-brand-500"
                data-testid="pull-bar"
                data-day={d.day}
                data-pulls={d.pulls}
              >
                <title>{`${formatDay(d.day)}: ${formatCount(d.pulls, "pull")}`}</title>
              </rect>
            );
          })}
        </svg>
      )}
      <div className="mt-1 flex justify-between text-xs text-slate-500">
        {/* Axis labels take the formatter, not <Time>: a bar's own tooltip already names its day. */}
        <span>{data[0] ? formatDay(data[0].day) : null}</span>
        <span>{data.length > 0 ? formatDay(data[data.length - 1]!.day) : null}</span>
      </div>
    </Card>
  );
}
