import { describe, expect, it } from "vitest";
import { gcStartRefusal, gcReadRefusal } from "@/lib/authz/rules/garbage-collection";
import { gcWindowRefusal } from "@/lib/authz/rules/front-door";
import {
  describeGcSchedule,
  dueGcSlot,
  gcScheduleSchema,
  lastGcSlot,
  nextGcSlot,
} from "@/lib/validations/garbage-collection";

const at = (iso: string) => new Date(iso);

describe("garbage-collection schedule", () => {
  it("finds the latest daily slot at or before now, and the next one", () => {
    const daily = { kind: "daily", hour: 3 } as const;
    expect(lastGcSlot(daily, at("2026-12-04T03:00:00Z")).toISOString()).toBe("2026-12-04T03:00:00.000Z");
    expect(lastGcSlot(daily, at("2026-12-04T02:59:59Z")).toISOString()).toBe("2026-12-03T03:00:00.000Z");
    expect(nextGcSlot(daily, at("2026-12-04T10:00:00Z")).toISOString()).toBe("2026-12-05T03:00:00.000Z");
  });

  it("finds the latest weekly slot (Friday 4 December 2026; Sunday is day 0)", () => {
    const sunday = { kind: "weekly", day: 0, hour: 22 } as const;
    expect(lastGcSlot(sunday, at("2026-12-04T12:00:00Z")).toISOString()).toBe("2026-11-29T22:00:00.000Z");
    const friday = { kind: "weekly", day: 5, hour: 12 } as const;
    expect(lastGcSlot(friday, at("2026-12-04T12:00:00Z")).toISOString()).toBe("2026-12-04T12:00:00.000Z");
    expect(lastGcSlot(friday, at("2026-12-04T11:59:00Z")).toISOString()).toBe("2026-11-27T12:00:00.000Z");
    expect(nextGcSlot(friday, at("2026-12-04T12:30:00Z")).toISOString()).toBe("2026-12-11T12:00:00.000Z");
  });

  it("runs a slot only after the schedule was saved and within an hour of it", () => {
    const s = { kind: "daily", hour: 3, since: "2026-12-04T02:00:00Z" } as const;
    expect(dueGcSlot(null, at("2026-12-04T03:00:00Z"))).toBeNull();
    expect(dueGcSlot(s, at("2026-12-04T02:30:00Z"))).toBeNull(); // yesterday's slot, before it was saved
    expect(dueGcSlot(s, at("2026-12-04T03:10:00Z"))?.toISOString()).toBe("2026-12-04T03:00:00.000Z");
    expect(dueGcSlot(s, at("2026-12-04T04:01:00Z"))).toBeNull(); // the console was down at the hour
    // Saved just after the hour: that hour's slot does not fire at once.
    expect(dueGcSlot({ ...s, since: "2026-12-04T03:05:00Z" }, at("2026-12-04T03:06:00Z"))).toBeNull();
  });

  it("parses the form: off, daily with an hour, weekly with a day; anything else is a field error", () => {
    expect(gcScheduleSchema.parse({ kind: "off", hour: "", day: "" })).toBeNull();
    expect(gcScheduleSchema.parse({ kind: "daily", hour: "3", day: "" })).toEqual({ kind: "daily", hour: 3 });
    expect(gcScheduleSchema.parse({ kind: "weekly", hour: "0", day: "6" })).toEqual({
      kind: "weekly",
      day: 6,
      hour: 0,
    });
    for (const bad of [
      { kind: "hourly", hour: "3" },
      { kind: "daily", hour: "" },
      { kind: "daily", hour: "24" },
      { kind: "daily", hour: "2.5" },
      { kind: "weekly", hour: "3", day: "" },
      { kind: "weekly", hour: "3", day: "7" },
    ])
      expect(gcScheduleSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(describeGcSchedule({ kind: "weekly", day: 0, hour: 3 })).toBe("Sundays at 03:00 UTC");
    expect(describeGcSchedule(null)).toBe("off");
  });
});

describe("garbage-collection rules", () => {
  it("only operators start or read runs, and only on a console that runs its registry", () => {
    expect(gcStartRefusal({ isAdmin: true }, true)).toBeNull();
    expect(gcStartRefusal({ isAdmin: true }, false)).toBe("not-managed");
    expect(gcStartRefusal({ isAdmin: false }, true)).toBe("forbidden");
    expect(gcStartRefusal(null, true)).toBe("forbidden");
    expect(gcReadRefusal({ isAdmin: true })).toBeNull();
    expect(gcReadRefusal({ isAdmin: false })).toBe("forbidden");
  });

  it("the door refuses writes during the window with 503 and Retry-After, and lets reads through", () => {
    const window = { since: "2026-12-04T14:05:00.000Z" };
    for (const m of ["POST", "PUT", "PATCH", "DELETE"])
      expect(gcWindowRefusal(m, window)).toMatchObject({ status: 503, code: "UNAVAILABLE", retryAfterSeconds: 30 });
    expect(gcWindowRefusal("PUT", window)?.message).toContain("garbage collection");
    expect(gcWindowRefusal("PUT", window)?.message).toContain("14:05 UTC");
    for (const m of ["GET", "HEAD"]) expect(gcWindowRefusal(m, window)).toBeNull();
    expect(gcWindowRefusal("PUT", null)).toBeNull();
  });
});
