import { describe, expect, it } from "vitest";
import { controlCharacterErrors, fieldsWithControlCharacters } from "@/lib/validations/control-characters";

describe("control characters in input", () => {
  it("finds NUL, escapes and other C0 controls anywhere in a value, and allows tab, newlines and any unicode", () => {
    expect(
      fieldsWithControlCharacters({
        name: "ok",
        description: "line 1\nline 2\r\n\tindented",
        overview: "名前 🚀 ‮rtl‬",
      }),
    ).toEqual([]);
    expect(
      fieldsWithControlCharacters({ a: "x\u0000y", b: { c: ["fine", "\u001b[31mred"] }, d: "\u007f", e: 4 }),
    ).toEqual(["a", "b.c.1", "d"]);
    expect(controlCharacterErrors("bell\u0007", "query")).toEqual({ query: ["Must not contain control characters"] });
    expect(controlCharacterErrors({ q: "fine" }, "query")).toBeNull();
  });

  it("walks input nested 100,000 deep without recursion (was a stack overflow, a 500), paths included", () => {
    let deep: unknown = "bell\u0007";
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? { k: deep } : [deep];
    const [path, ...rest] = fieldsWithControlCharacters(deep);
    expect(rest).toEqual([]);
    expect(path!.split(".")).toHaveLength(100_000);
    expect(path!.startsWith("k.0.k.0")).toBe(true);
    expect(controlCharacterErrors({ a: deep }, "body")).not.toBeNull();
  });
});
