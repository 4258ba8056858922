import type { ReactNode } from "react";
import { formatAbsolute, formatRelative } from "@/lib/format";

/**
 * A moment as people read it: relative text ("3 minutes ago") with the absolute UTC time as the tooltip
 * and the ISO instant for machines. Usable from server and client components alike.
 *
 * The relative text depends on the clock, so the server's and the browser's can differ by a minute at
 * hydration; suppressHydrationWarning keeps the server's text rather than erroring (React only relaxes
 * the check for this element's own text). The tooltip is UTC, so it always matches.
 */
export function Time({
  value,
  now,
  children,
  className,
  "data-testid": testId,
}: {
  value: Date | string | number;
  // Pass one `now` to every <Time> of a list so they agree with each other.
  now?: Date;
  // Text instead of the relative time (e.g. "Now" for this very session); the tooltip stays.
  children?: ReactNode;
  className?: string;
  "data-testid"?: string;
}) {
  const date = new Date(value);
  return (
    <time
      dateTime={date.toISOString()}
      title={formatAbsolute(date)}
      className={className}
      data-testid={testId}
      suppressHydrationWarning
    >
      {children ?? formatRelative(date, now)}
    </time>
  );
}
