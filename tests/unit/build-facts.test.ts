import { describe, expect, it } from "vitest";
import { buildDuration, shortCommit, triggerText } from "@/components/builds/build-facts";

describe("build facts in words", () => {
  it("says what started a build", () => {
    const base = { triggerSource: null, startedBy: "alice", retryOf: null };
    expect(triggerText({ ...base, trigger: "manual" })).toBe("Build now by alice");
    expect(triggerText({ ...base, trigger: "manual", startedBy: null })).toBe("Build now");
    expect(triggerText({ ...base, trigger: "webhook", triggerSource: "github", startedBy: null })).toBe("GitHub push");
    expect(triggerText({ ...base, trigger: "webhook", triggerSource: "generic", startedBy: null })).toBe(
      "Webhook push",
    );
    expect(triggerText({ ...base, trigger: "retry", retryOf: 3 })).toBe("Retry of #3 by alice");
    expect(triggerText({ ...base, trigger: "retry" })).toBe("Retry of a deleted build by alice");
  });

  it("gives a build's duration, so far while it runs, none before it starts", () => {
    const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s));
    expect(buildDuration({ startedAt: null, finishedAt: null })).toBeNull();
    expect(buildDuration({ startedAt: at(0), finishedAt: at(48) })).toBe("48s");
    expect(buildDuration({ startedAt: at(0), finishedAt: at(185) })).toBe("3m 05s");
    expect(buildDuration({ startedAt: at(0), finishedAt: at(3720) })).toBe("1h 02m");
    expect(buildDuration({ startedAt: at(0), finishedAt: null }, at(10))).toBe("10s");
    expect(shortCommit("a74917cf09d13b4ad0445801ebeb3fdaa3c9ef48")).toBe("a74917c");
    expect(shortCommit(null)).toBeNull();
  });
});
