/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), evaluated in UTC, for
 * retention schedules. `cron-parser` would do, but adding it to this project's lock file does not
 * install cleanly (an unrelated peer-dependency conflict of next-auth and nodemailer), and a
 * retention schedule needs only this much: `*`, numbers, ranges `a-b`, steps `* /n` and `a-b/n`,
 * lists `a,b`, month and weekday names (`jan`, `mon`), 7 as Sunday; when both day fields are
 * restricted a day matching either one is due (Vixie cron's rule). Pure, no dependencies.
 */
export type CronSchedule = {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  // Whether each day field was `*` (Vixie cron: a restricted day-of-month OR a restricted weekday).
  anyDay: boolean;
  anyWeekday: boolean;
};

export type ParsedCron = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

type FieldSpec = { label: string; min: number; max: number; names?: string[]; nameBase?: number };
const FIELDS: FieldSpec[] = [
  { label: "minute", min: 0, max: 59 },
  { label: "hour", min: 0, max: 23 },
  { label: "day of month", min: 1, max: 31 },
  { label: "month", min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { label: "day of week", min: 0, max: 7, names: WEEKDAYS, nameBase: 0 },
];

class CronError extends Error {}

function value(token: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(token.toLowerCase()) ?? -1;
  if (named >= 0) return named + (spec.nameBase ?? 0);
  if (!/^\d{1,2}$/.test(token)) throw new CronError(`"${token}" is not a valid ${spec.label}.`);
  const n = Number(token);
  if (n < spec.min || n > spec.max)
    throw new CronError(`The ${spec.label} ${n} is out of range (${spec.min}–${spec.max}).`);
  return n;
}

function field(text: string, spec: FieldSpec): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const [range = "", stepText, extra] = part.split("/");
    if (extra !== undefined || range === "") throw new CronError(`"${part}" is not a valid ${spec.label}.`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d{1,2}$/.test(stepText) || Number(stepText) === 0)
        throw new CronError(`"${stepText}" is not a valid step for the ${spec.label}.`);
      step = Number(stepText);
    }
    let lo: number, hi: number;
    if (range === "*") [lo, hi] = [spec.min, spec.max];
    else if (range.includes("-")) {
      const [a = "", b = "", more] = range.split("-");
      if (more !== undefined) throw new CronError(`"${range}" is not a valid ${spec.label} range.`);
      [lo, hi] = [value(a, spec), value(b, spec)];
      if (lo > hi) throw new CronError(`The ${spec.label} range ${range} runs backwards.`);
    } else {
      lo = value(range, spec);
      // `5/15` means from 5 to the end, every 15 (as Vixie cron reads it).
      hi = stepText !== undefined ? spec.max : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expression: string): ParsedCron {
  const parts = expression.trim().split(/\s+/);
  if (expression.trim() === "" || parts.length !== 5)
    return { ok: false, error: "Enter five fields: minute hour day-of-month month day-of-week (e.g. 0 3 * * *)." };
  try {
    const [mi, h, dom, mo, dow] = parts.map((p, i) => field(p, FIELDS[i]!));
    const weekdays = new Set([...dow!].map((d) => d % 7));
    return {
      ok: true,
      schedule: {
        minutes: mi!,
        hours: h!,
        days: dom!,
        months: mo!,
        weekdays,
        anyDay: parts[2] === "*",
        anyWeekday: parts[4] === "*",
      },
    };
  } catch (err) {
    if (err instanceof CronError) return { ok: false, error: err.message };
    throw err;
  }
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.days.has(d.getUTCDate());
  const dow = s.weekdays.has(d.getUTCDay());
  if (s.anyDay && s.anyWeekday) return true;
  if (s.anyDay) return dow;
  if (s.anyWeekday) return dom;
  return dom || dow;
}

/** The first minute strictly after `after` the schedule is due (UTC), or null if none within 5 years (`0 0 31 2 *`). */
export function nextCronTime(s: CronSchedule, after: Date): Date | null {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const limit = after.getTime() + 5 * 366 * 86_400_000;
  while (t.getTime() <= limit) {
    if (!s.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(s, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!s.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!s.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else return t;
  }
  return null;
}
