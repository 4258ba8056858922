import { describe, expect, it } from "vitest";
import { formatAbsolute, formatDay, formatRelative } from "@/lib/format";

const now = new Date("2026-12-02T16:12:30Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("formatRelative", () => {
  it("says just now for the last 45 seconds, and in a few seconds just ahead", () => {
    expect(formatRelative(now, now)).toBe("just now");
    expect(formatRelative(ago(44), now)).toBe("just now");
    expect(formatRelative(ago(-10), now)).toBe("in a few seconds");
  });

  it("picks the largest unit that fits, in words", () => {
    expect(formatRelative(ago(60), now)).toBe("1 minute ago");
    expect(formatRelative(ago(3 * 60), now)).toBe("3 minutes ago");
    expect(formatRelative(ago(2 * 3600), now)).toBe("2 hours ago");
    expect(formatRelative(ago(24 * 3600), now)).toBe("yesterday");
    expect(formatRelative(ago(5 * 24 * 3600), now)).toBe("5 days ago");
    expect(formatRelative(ago(60 * 24 * 3600), now)).toBe("2 months ago");
    expect(formatRelative(ago(400 * 24 * 3600), now)).toBe("last year");
    expect(formatRelative(ago(-3 * 24 * 3600), now)).toBe("in 3 days");
  });

  it("takes ISO strings as well as dates", () => {
    expect(formatRelative(ago(120).toISOString(), now)).toBe("2 minutes ago");
  });
});

describe("formatAbsolute", () => {
  it("is in UTC, 24-hour, with the zone named", () => {
    expect(formatAbsolute(now)).toBe("Dec 2, 2026, 16:12 UTC");
    expect(formatAbsolute("2026-01-09T00:05:59Z")).toBe("Jan 9, 2026, 00:05 UTC");
  });

  it("does not depend on the process time zone", () => {
    // 23:30 UTC is already the next day east of Greenwich; the text must still say the UTC day.
    expect(formatAbsolute("2026-03-31T23:30:00Z")).toBe("Mar 31, 2026, 23:30 UTC");
    expect(formatAbsolute(Date.UTC(2026, 6, 4, 12, 0))).toBe("Jul 4, 2026, 12:00 UTC");
  });
});

describe("formatDay", () => {
  it("labels a UTC day", () => {
    expect(formatDay("2026-12-02")).toBe("Dec 2");
    expect(formatDay("2026-03-31T23:59:00Z")).toBe("Mar 31");
  });
});
