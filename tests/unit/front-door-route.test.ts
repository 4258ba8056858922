import { describe, expect, it } from "vitest";
import { pullAllowance, pullVerdict } from "@/lib/authz/rules/pull-rate-limit";
import { parseRegistryPath } from "@/lib/front-door/route";
import { formatDuration } from "@/lib/format";

const D = `sha256:${"a".repeat(64)}`;

describe("parseRegistryPath", () => {
  it("names every endpoint of the distribution API, with nested repository names", () => {
    expect(parseRegistryPath("/v2/")).toEqual({ kind: "base" });
    expect(parseRegistryPath("/v2")).toEqual({ kind: "base" });
    expect(parseRegistryPath("/v2/_catalog")).toEqual({ kind: "catalog" });
    expect(parseRegistryPath("/v2/a/b/tags/list")).toEqual({ kind: "tags", name: "a/b" });
    expect(parseRegistryPath("/v2/a/b/c/manifests/1.0")).toEqual({
      kind: "manifest",
      name: "a/b/c",
      reference: "1.0",
      byDigest: false,
    });
    expect(parseRegistryPath(`/v2/a/b/manifests/${D}`)).toMatchObject({ kind: "manifest", byDigest: true });
    expect(parseRegistryPath(`/v2/a/b/blobs/${D}`)).toEqual({ kind: "blob", name: "a/b", digest: D });
    expect(parseRegistryPath("/v2/a/b/blobs/uploads/")).toEqual({ kind: "upload", name: "a/b", session: null });
    expect(parseRegistryPath("/v2/a/b/blobs/uploads/0f3e-aa_bb=")).toEqual({
      kind: "upload",
      name: "a/b",
      session: "0f3e-aa_bb=",
    });
    expect(parseRegistryPath(`/v2/a/b/referrers/${D}`)).toEqual({ kind: "referrers", name: "a/b", digest: D });
    // A repository may itself be called "manifests" or "blobs".
    expect(parseRegistryPath("/v2/a/manifests/manifests/1")).toMatchObject({ kind: "manifest", name: "a/manifests" });
  });

  it("names what is wrong with a malformed path", () => {
    expect(parseRegistryPath("/v2/A/b/tags/list")).toEqual({ problem: "name-invalid" });
    expect(parseRegistryPath("/v2/a//b/tags/list")).toEqual({ problem: "name-invalid" });
    expect(parseRegistryPath("/v2/a/b%2Fc/tags/list")).toEqual({ problem: "name-invalid" });
    expect(parseRegistryPath(`/v2/${"a".repeat(256)}/tags/list`)).toEqual({ problem: "name-invalid" });
    expect(parseRegistryPath("/v2/a/b/manifests/-bad")).toEqual({ problem: "tag-invalid" });
    expect(parseRegistryPath(`/v2/a/b/manifests/${"t".repeat(129)}`)).toEqual({ problem: "tag-invalid" });
    expect(parseRegistryPath("/v2/a/b/manifests/sha256:")).toEqual({ problem: "digest-invalid" });
    expect(parseRegistryPath("/v2/a/b/blobs/not-a-digest")).toEqual({ problem: "digest-invalid" });
    expect(parseRegistryPath("/v2/a/b/what/x")).toEqual({ problem: "unknown-path" });
    expect(parseRegistryPath("/v2/a/b/blobs/uploads/../../x")).toEqual({ problem: "unknown-path" });
  });
});

describe("pull rate limit rules", () => {
  const setting = { authenticated: 200, anonymous: 100, windowSeconds: 21_600 };
  it("counts accounts by name and anonymous clients by address; off means no limit; the console is never limited", () => {
    expect(pullAllowance(setting, { username: "alice" })).toEqual({
      key: "pull:user:alice",
      max: 200,
      windowSeconds: 21_600,
      anonymous: false,
    });
    expect(pullAllowance(setting, { address: "203.0.113.9" })).toMatchObject({ key: "pull:ip:203.0.113.9", max: 100 });
    expect(pullAllowance(null, { username: "alice" })).toBeNull();
    expect(pullAllowance(setting, { username: "_console" })).toBeNull();
  });
  it("allows while within the limit and never reports less than 0 left", () => {
    const a = pullAllowance(setting, { username: "alice" })!;
    expect(pullVerdict(a, 200, 60)).toEqual({ allowed: true, remaining: 0, resetSeconds: 60 });
    expect(pullVerdict(a, 201, 60)).toEqual({ allowed: false, remaining: 0, resetSeconds: 60 });
    expect(pullVerdict(a, 1, 60).remaining).toBe(199);
  });
});

describe("formatDuration", () => {
  it("says a wait in its largest unit, rounded up", () => {
    expect(formatDuration(21_600)).toBe("6 hours");
    expect(formatDuration(86_400)).toBe("1 day");
    expect(formatDuration(3_600)).toBe("1 hour");
    expect(formatDuration(3_601)).toBe("61 minutes");
    expect(formatDuration(3_599)).toBe("60 minutes");
    expect(formatDuration(7_201)).toBe("3 hours");
    expect(formatDuration(90)).toBe("2 minutes");
    expect(formatDuration(1)).toBe("1 second");
    expect(formatDuration(10)).toBe("10 seconds");
  });
});
