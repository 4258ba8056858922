import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "@/lib/retention/cron";
import { nextScheduledRun } from "@/lib/retention/schedule";

const at = (s: string) => new Date(s);
function next(expr: string, after: string): string | null {
  const p = parseCron(expr);
  if (!p.ok) throw new Error(p.error);
  return nextCronTime(p.schedule, at(after))?.toISOString() ?? null;
}

describe("cron schedules", () => {
  it("finds the next due minute in UTC", () => {
    expect(next("0 3 * * *", "2026-06-30T02:59:59Z")).toBe("2026-06-30T03:00:00.000Z");
    expect(next("0 3 * * *", "2026-06-30T03:00:00Z")).toBe("2026-07-01T03:00:00.000Z");
    expect(next("*/15 * * * *", "2026-06-30T10:07:00Z")).toBe("2026-06-30T10:15:00.000Z");
    expect(next("30 2 1 */3 *", "2026-06-30T00:00:00Z")).toBe("2026-07-01T02:30:00.000Z");
    expect(next("0 0 * * mon-fri", "2026-07-03T12:00:00Z")).toBe("2026-07-06T00:00:00.000Z"); // Fri → Mon
    expect(next("0 0 29 feb *", "2026-03-01T00:00:00Z")).toBe("2028-02-29T00:00:00.000Z");
    expect(next("0 12 * * 7", "2026-06-30T00:00:00Z")).toBe("2026-07-05T12:00:00.000Z"); // 7 = Sunday
    // Both day fields restricted: either one (Vixie cron).
    expect(next("0 0 13 * 5", "2026-06-30T00:00:00Z")).toBe("2026-07-03T00:00:00.000Z");
    expect(next("0 0 31 2 *", "2026-01-01T00:00:00Z")).toBeNull();
  });

  it("refuses what cannot be parsed, with a message", () => {
    for (const bad of [
      "",
      "* * * *",
      "60 * * * *",
      "* 24 * * *",
      "0 0 0 * *",
      "*/0 * * * *",
      "5-1 * * * *",
      "a b c d e",
      "0 0 * * * *",
    ]) {
      const p = parseCron(bad);
      expect(p.ok, bad).toBe(false);
      if (!p.ok) expect(p.error, bad).toBeTruthy();
    }
  });

  it("daily is 00:00 UTC, weekly Sunday 00:00 UTC, none never", () => {
    expect(nextScheduledRun({ kind: "daily" }, at("2026-06-30T10:00:00Z"))?.toISOString()).toBe(
      "2026-07-01T00:00:00.000Z",
    );
    expect(nextScheduledRun({ kind: "weekly" }, at("2026-06-30T10:00:00Z"))?.toISOString()).toBe(
      "2026-07-05T00:00:00.000Z",
    );
    expect(nextScheduledRun({ kind: "none" }, at("2026-06-30T10:00:00Z"))).toBeNull();
  });
});
