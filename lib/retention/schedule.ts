import { nextCronTime, parseCron } from "./cron";

/**
 * When a namespace's retention policy runs by itself: never, daily (00:00 UTC), weekly (Sunday
 * 00:00 UTC, as Harbor's "weekly"), or a five-field cron expression in UTC. Pure.
 */
export type RetentionSchedule =
  { kind: "none" } | { kind: "daily" } | { kind: "weekly" } | { kind: "cron"; cron: string };

export const SCHEDULE_KINDS = ["none", "daily", "weekly", "cron"] as const;

const PRESETS = { daily: "0 0 * * *", weekly: "0 0 * * 0" } as const;

/** The first time after `after` the schedule is due; null for none (or a cron that never fires). */
export function nextScheduledRun(schedule: RetentionSchedule, after: Date): Date | null {
  if (schedule.kind === "none") return null;
  const parsed = parseCron(schedule.kind === "cron" ? schedule.cron : PRESETS[schedule.kind]);
  return parsed.ok ? nextCronTime(parsed.schedule, after) : null;
}

export function describeSchedule(schedule: RetentionSchedule): string {
  switch (schedule.kind) {
    case "none":
      return "Only by hand";
    case "daily":
      return "Daily at 00:00 UTC";
    case "weekly":
      return "Weekly, Sundays at 00:00 UTC";
    case "cron":
      return `Cron "${schedule.cron}" (UTC)`;
  }
}
