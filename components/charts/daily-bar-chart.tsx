import { formatDay } from "@/lib/format";

const HEIGHT = 120;

/**
 * One bar per day as an SVG rendered on the server (no chart library shipped to the browser):
 * pulls per day on a repository, storage per day in Admin → Storage. Each bar has a <title>, so
 * hovering shows the day and its value in words (`label`); `barTestId` and `valueAttr` name the
 * bars for tests (data-day and the value attribute).
 */
export function DailyBarChart({
  data,
  label,
  ariaLabel,
  barTestId,
  valueAttr,
}: {
  // A null value is a day with no figure: its slot stays empty (not drawn as zero).
  data: Array<{ day: string; value: number | null }>;
  label: (value: number) => string;
  ariaLabel: string;
  barTestId: string;
  valueAttr: `data-${string}`;
}) {
  const max = Math.max(1, ...data.map((d) => d.value ?? 0));
  const barWidth = 100 / Math.max(1, data.length);
  return (
    <>
      <svg
        viewBox={`0 0 100 ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-32 w-full"
        role="img"
        aria-label={ariaLabel}
      >
        {data.map((d, i) => {
          if (d.value === null) return null;
          const h = (d.value / max) * (HEIGHT - 4);
          return (
            <rect
              key={d.day}
              x={i * barWidth + barWidth * 0.15}
              y={HEIGHT - h}
              width={barWidth * 0.7}
              height={Math.max(h, d.value > 0 ? 1 : 0)}
              className="fill-brand-500"
              data-testid={barTestId}
              data-day={d.day}
              {...{ [valueAttr]: d.value }}
            >
              <title>{`${formatDay(d.day)}: ${label(d.value)}`}</title>
            </rect>
          );
        })}
      </svg>
      <div className="mt-1 flex justify-between text-xs text-slate-500">
        {/* Axis labels take the formatter, not <Time>: a bar's own tooltip already names its day. */}
        <span>{data[0] ? formatDay(data[0].day) : null}</span>
        <span>{data.length > 0 ? formatDay(data[data.length - 1]!.day) : null}</span>
      </div>
    </>
  );
}
