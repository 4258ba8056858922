/**
 * Dates for people, one format everywhere: relative text ("3 minutes ago", "just now") with the absolute
 * time in UTC ("Dec 2, 2026, 16:12 UTC") as its tooltip; components/ui/time.tsx puts the two together.
 * Absolute text is in UTC so server and client render the same string wherever the browser is.
 */
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function formatRelative(date: Date | string | number, now: Date = new Date()): string {
  const seconds = Math.round((new Date(date).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return seconds <= 0 ? "just now" : "in a few seconds";
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) if (abs >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(Math.round(seconds / 60), "minute");
}

const ABSOLUTE = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "Dec 2, 2026, 16:12 UTC". Built from parts: ICU versions differ in the joiner (", " or " at "). */
export function formatAbsolute(date: Date | string | number): string {
  const parts = Object.fromEntries(ABSOLUTE.formatToParts(new Date(date)).map((p) => [p.type, p.value]));
  return `${parts.month} ${parts.day}, ${parts.year}, ${parts.hour}:${parts.minute} UTC`;
}

/** "Dec 2" within a year's chart, for axis labels where no tooltip can go (UTC, like the days they label). */
export function formatDay(date: Date | string | number): string {
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(date));
}

/** A calendar date, "Nov 22, 2026" (UTC): for text that outlives the page, such as emails. */
export function formatDate(date: Date | string): string {
  return new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(date),
  );
}

/** Bytes for people, base 1000 as Docker Hub and the registry's clients show them: "0 B", "1.2 kB", "34.5 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1000) return `${Math.max(0, Math.round(bytes || 0))} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** A date as JSON APIs send it (ISO 8601), null stays null. */
export function isoOrNull(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** The word for a count: plural(1, "pull") → "pull", plural(2, "entry", "entries") → "entries". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}

/** A bare number grouped as people read it, "1,234", for a count whose word is already beside it. */
export function formatNumber(count: number): string {
  return count.toLocaleString("en");
}

/** A count with its word, grouped as people read it: "1 pull", "1,234 pulls", "0 entries". */
export function formatCount(count: number, singular: string, pluralForm?: string): string {
  return `${count.toLocaleString("en")} ${plural(count, singular, pluralForm)}`;
}

/**
 * A length of time in a unit people count in, rounded up so a wait is never understated:
 * 21600 → "6 hours", 3600 → "1 hour", 3599 → "60 minutes", 90 → "2 minutes", 45 → "45 seconds".
 * Below two hours minutes are kept, since "1 hour" for 61 minutes would be off by nearly double.
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s >= 86_400 && s % 86_400 === 0) return formatCount(s / 86_400, "day");
  if (s >= 7_200 || (s > 0 && s % 3_600 === 0)) return formatCount(Math.ceil(s / 3_600), "hour");
  if (s >= 60) return formatCount(Math.ceil(s / 60), "minute");
  return formatCount(s, "second");
}
