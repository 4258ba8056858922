import { z } from "zod";

/** When garbage collection runs by itself: daily or weekly at an hour (UTC). No cron on purpose. */
export type GcSchedule = { kind: "daily"; hour: number } | { kind: "weekly"; day: number; hour: number };
/** As stored: with when it was saved, so a slot earlier than that never fires. */
export type StoredGcSchedule = GcSchedule & { since: string };

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

const hour = z.coerce
  .number({ message: "Choose an hour" })
  .int("Choose an hour from the list")
  .min(0, "Choose an hour from the list")
  .max(23, "Choose an hour from the list");

/** The schedule form: off, daily at an hour, or weekly on a day at an hour. */
export const gcScheduleSchema = z
  .object({
    kind: z.enum(["off", "daily", "weekly"], { message: "Choose off, daily or weekly" }),
    hour: z.union([z.literal(""), hour]).optional(),
    day: z
      .union([
        z.literal(""),
        z.coerce.number().int("Choose a day").min(0, "Choose a day").max(6, "Choose a day from the list"),
      ])
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "off" && (v.hour === "" || v.hour === undefined))
      ctx.addIssue({ code: "custom", path: ["hour"], message: "Choose an hour" });
    if (v.kind === "weekly" && (v.day === "" || v.day === undefined))
      ctx.addIssue({ code: "custom", path: ["day"], message: "Choose a day" });
  })
  .transform((v): GcSchedule | null => {
    if (v.kind === "off") return null;
    const h = Number(v.hour);
    return v.kind === "daily" ? { kind: "daily", hour: h } : { kind: "weekly", day: Number(v.day), hour: h };
  });

/** The start form sends nothing but the click (the ConfirmDialog). */
export const startGcSchema = z.object({});

/** `?page=` of the run list; odd values fall back to the first page. */
export const gcPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

/** The latest slot of the schedule at or before `now` (UTC). */
export function lastGcSlot(schedule: GcSchedule, now: Date): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), schedule.hour));
  if (schedule.kind === "daily") {
    if (slot > now) slot.setUTCDate(slot.getUTCDate() - 1);
    return slot;
  }
  slot.setUTCDate(slot.getUTCDate() - ((slot.getUTCDay() - schedule.day + 7) % 7));
  if (slot > now) slot.setUTCDate(slot.getUTCDate() - 7);
  return slot;
}

/** The next slot after `now`. */
export function nextGcSlot(schedule: GcSchedule, now: Date): Date {
  const slot = lastGcSlot(schedule, now);
  slot.setUTCDate(slot.getUTCDate() + (schedule.kind === "daily" ? 1 : 7));
  return slot;
}

/** A slot is run when it came after the schedule was saved and at most this long ago (a console down at the hour skips it). */
export const GC_SLOT_GRACE_MS = 60 * 60 * 1000;

/** The slot to queue now, if any. */
export function dueGcSlot(schedule: StoredGcSchedule | null, now: Date): Date | null {
  if (!schedule) return null;
  const slot = lastGcSlot(schedule, now);
  if (slot < new Date(schedule.since) || now.getTime() - slot.getTime() > GC_SLOT_GRACE_MS) return null;
  return slot;
}

/** "Daily at 03:00 UTC", "Sundays at 03:00 UTC". */
export function describeGcSchedule(schedule: GcSchedule | null): string {
  if (!schedule) return "off";
  const at = `${String(schedule.hour).padStart(2, "0")}:00 UTC`;
  return schedule.kind === "daily" ? `daily at ${at}` : `${WEEKDAYS[schedule.day]}s at ${at}`;
}
