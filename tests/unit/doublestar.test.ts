import { describe, expect, it } from "vitest";
import { compileGlob, globMatches } from "@/lib/glob/doublestar";

/** [pattern, name, expected] — the cases follow bmatcuk/doublestar's own Match table where they overlap. */
const CASES: [string, string, boolean][] = [
  // `*` stays within one segment
  ["v*", "v1.0", true],
  ["v*", "v", true],
  ["v*", "latest", false],
  ["*", "app", true],
  ["*", "team/app", false],
  ["app-*", "app-web", true],
  ["app-*", "app-", true],
  ["app-*", "web-app", false],
  ["team/*", "team/app", true],
  ["team/*", "team/a/b", false],
  // `**` across segments
  ["**", "app", true],
  ["**", "team/app", true],
  ["**", "a/b/c/d", true],
  ["**/app", "app", true],
  ["**/app", "x/y/app", true],
  ["**/app", "x/webapp", false],
  ["team/**", "team", true],
  ["team/**", "team/a", true],
  ["team/**", "team/a/b", true],
  ["team/**", "teams/a", false],
  ["a/**/b", "a/b", true],
  ["a/**/b", "a/x/y/b", true],
  ["a/**/b", "a/xb", false],
  // `**` inside a segment is a plain `*`
  ["a**b", "axxb", true],
  ["a**b", "ax/xb", false],
  // `?`
  ["v?", "v1", true],
  ["v?", "v10", false],
  ["a?b", "a/b", false],
  // alternatives
  ["release-{1,2}.*", "release-1.0", true],
  ["release-{1,2}.*", "release-2.7.1", true],
  ["release-{1,2}.*", "release-3.0", false],
  ["release-{1,2}.*", "release-10", false],
  ["{app,web}", "web", true],
  ["{app,web}", "api", false],
  ["{a,b{c,d}}", "bd", true],
  ["{a,b{c,d}}", "b", false],
  ["{v*,latest}", "v2", true],
  ["{v*,latest}", "latest", true],
  ["x{,y}", "x", true],
  ["{**/app,web}", "a/b/app", true],
  // classes
  ["v[0-9]", "v7", true],
  ["v[0-9]", "va", false],
  ["[abc]x", "bx", true],
  ["[abc]x", "dx", false],
  ["[!abc]x", "dx", true],
  ["[!abc]x", "ax", false],
  ["[^abc]x", "dx", true],
  ["a[!b]c", "a/c", false],
  ["[]]", "]", true],
  ["[a-]", "-", true],
  // regex metacharacters are themselves
  ["v1.0", "v1.0", true],
  ["v1.0", "v1x0", false],
  ["c++", "c++", true],
  ["c++", "cc", false],
  ["a(b)|c$", "a(b)|c$", true],
  ["^x", "^x", true],
  ["a\\*b", "a*b", true],
  ["a\\*b", "axb", false],
  ["a}b,c", "a}b,c", true],
  ["a]b", "a]b", true],
  // whole-name match only
  ["v1", "v10", false],
  ["app", "xapp", false],
];

describe("doublestar globs", () => {
  it.each(CASES)("%s against %s → %s", (pattern, name, expected) => {
    expect(globMatches(pattern, name)).toBe(expected);
  });

  it.each([
    ["", /Enter a pattern/],
    ["release-{1,2", /Unbalanced "\{"/],
    ["{a,{b}", /Unbalanced "\{"/],
    ["v[0-9", /Unbalanced "\["/],
    ["[", /Unbalanced "\["/],
    ["[]", /Unbalanced "\["/],
    ["a\\", /cannot end with/],
    ["[z-a]", /reversed/],
    ["[a/b]", /cannot hold/],
    ["x".repeat(129), /at most 128/],
  ])("refuses %j", (pattern, message) => {
    const c = compileGlob(pattern);
    expect(c.ok).toBe(false);
    expect(c.ok ? "" : c.error).toMatch(message);
    expect(globMatches(pattern, "anything")).toBe(false);
  });
});
