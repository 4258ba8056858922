import { describe, expect, it } from "vitest";
import { formatCount, plural } from "@/lib/format";

describe("plural and formatCount", () => {
  it("uses the singular for exactly one, the plural for everything else", () => {
    expect([0, 1, 2].map((n) => plural(n, "pull"))).toEqual(["pulls", "pull", "pulls"]);
    expect(plural(3, "entry", "entries")).toBe("entries");
    expect(plural(1, "entry", "entries")).toBe("entry");
  });

  it("groups the digits and joins the word", () => {
    expect(formatCount(1, "pull")).toBe("1 pull");
    expect(formatCount(0, "repository", "repositories")).toBe("0 repositories");
    expect(formatCount(1234567, "pull")).toBe("1,234,567 pulls");
  });
});
