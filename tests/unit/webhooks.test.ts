import { describe, expect, it } from "vitest";
import { WEBHOOK_RETRY_DEFAULTS } from "@/lib/env";
import { backoffMs } from "@/lib/services/job/types";
import { webhookInputSchema } from "@/lib/validations/webhook";
import { buildWebhookPayload } from "@/lib/webhooks/payload";
import { signPayload, verifySignature } from "@/lib/webhooks/signature";
import { isPublicAddress, resolveWebhookTarget, UnsafeTargetError } from "@/lib/webhooks/ssrf";
import { matchesTrigger, patternError, splitTagList } from "@/lib/webhooks/trigger";

describe("webhook triggers", () => {
  it("all tags, listed tags, and RE2 patterns found anywhere unless anchored", () => {
    expect(matchesTrigger({ type: "all" }, "x")).toBe(true);
    expect(matchesTrigger({ type: "all" }, null)).toBe(true);
    expect(matchesTrigger({ type: "tags", tags: ["latest", "1.0"] }, "1.0")).toBe(true);
    expect(matchesTrigger({ type: "tags", tags: ["latest", "1.0"] }, "1.0.1")).toBe(false);
    expect(matchesTrigger({ type: "tags", tags: ["latest"] }, null)).toBe(false);
    expect(matchesTrigger({ type: "regex", pattern: "rc" }, "1.0-rc1")).toBe(true);
    expect(matchesTrigger({ type: "regex", pattern: "^v[0-9]+\\.[0-9]+$" }, "v1.2")).toBe(true);
    expect(matchesTrigger({ type: "regex", pattern: "^v[0-9]+\\.[0-9]+$" }, "v1.2-rc")).toBe(false);
    expect(matchesTrigger({ type: "regex", pattern: ".*" }, null)).toBe(false);
  });

  it("refuses what RE2 cannot run in linear time, and overlong patterns", () => {
    expect(patternError("^v[0-9]+$")).toBeNull();
    expect(patternError("(a)\\1")).toMatch(/Not a valid RE2 regular expression/);
    expect(patternError("^(?!latest)")).toMatch(/unsupported Perl syntax/);
    expect(patternError("[")).toMatch(/Not a valid/);
    expect(patternError("a".repeat(257))).toMatch(/At most 256/);
    expect(patternError("")).toMatch(/Enter/);
  });

  it("a pattern that backtracks exponentially elsewhere matches a long tag at once", () => {
    const started = performance.now();
    expect(matchesTrigger({ type: "regex", pattern: "^(a+)+$" }, `${"a".repeat(120)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("tag lists are semicolon separated, trimmed and deduplicated", () => {
    expect(splitTagList(" latest; 1.0 ;;1.0; ")).toEqual(["latest", "1.0"]);
  });
});

describe("webhook input", () => {
  const base = { webhookName: "deploy", url: "https://ci.example.com/hook", triggerType: "all", events: "push" };
  it("parses the form (a single checkbox arrives as a string)", () => {
    expect(webhookInputSchema.parse(base)).toEqual({
      webhookName: "deploy",
      url: "https://ci.example.com/hook",
      trigger: { type: "all" },
      events: ["push"],
    });
    expect(
      webhookInputSchema.parse({ ...base, triggerType: "tags", triggerTags: "a; b", events: ["push", "tag_deleted"] })
        .trigger,
    ).toEqual({ type: "tags", tags: ["a", "b"] });
  });
  it("names each problem on its field", () => {
    const r = webhookInputSchema.safeParse({
      webhookName: "1x",
      url: "ftp://x",
      triggerType: "regex",
      triggerPattern: "(?=a)",
      events: [],
    });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(Object.keys(fields).sort()).toEqual(["events", "triggerPattern", "url", "webhookName"]);
    const regex = webhookInputSchema.safeParse({ ...base, triggerType: "regex", triggerPattern: "(?=a)" });
    expect(regex.error!.issues[0]).toMatchObject({ path: ["triggerPattern"] });
    const tags = webhookInputSchema.safeParse({ ...base, triggerType: "tags", triggerTags: "ok; -bad; also bad" });
    expect(tags.error!.issues[0]!.message).toBe("Not valid tag names: -bad, also bad");
    expect(webhookInputSchema.safeParse({ ...base, events: ["push", "nope"] }).success).toBe(false);
  });
});

describe("SSRF guard", () => {
  it("knows public from loopback, private, link-local, metadata and reserved addresses, v4 and v6", () => {
    for (const a of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
      expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      "127.0.0.1",
      "127.8.8.8",
      "10.0.0.1",
      "172.16.5.4",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd00:ec2::254",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "64:ff9b::a9fe:a9fe",
      "not-an-ip",
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });
  it("refuses literal private hosts, bad schemes and credentials before any request", async () => {
    await expect(resolveWebhookTarget("http://169.254.169.254/latest/meta-data", false)).rejects.toBeInstanceOf(
      UnsafeTargetError,
    );
    await expect(resolveWebhookTarget("http://[::1]:8080/", false)).rejects.toThrow(/::1/);
    await expect(resolveWebhookTarget("file:///etc/passwd", false)).rejects.toThrow(/http/);
    await expect(resolveWebhookTarget("https://user:pw@example.com/", false)).rejects.toThrow(/Credentials/);
    await expect(resolveWebhookTarget("http://127.0.0.1:9/", true)).resolves.toMatchObject({
      address: "127.0.0.1",
      family: 4,
    });
  });
});

describe("signatures", () => {
  it("HMAC-SHA256 over timestamp and body; tampering, other secrets and stale timestamps fail", () => {
    const now = 1_800_000_000_000;
    const t = now / 1000;
    const header = signPayload("whsec_a", '{"x":1}', t);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature("whsec_a", '{"x":1}', header, 300, now)).toBe(true);
    expect(verifySignature("whsec_b", '{"x":1}', header, 300, now)).toBe(false);
    expect(verifySignature("whsec_a", '{"x":2}', header, 300, now)).toBe(false);
    expect(verifySignature("whsec_a", '{"x":1}', header, 300, now + 301_000)).toBe(false);
    expect(verifySignature("whsec_a", '{"x":1}', header.replace("t=1800000000", "t=1800000100"), 300, now)).toBe(false);
  });
});

describe("payload", () => {
  it("has Docker Hub's shape", () => {
    const p = buildWebhookPayload({
      event: "push",
      repository: {
        namespace: "acme",
        name: "web",
        visibility: "private",
        description: "d",
        overview: "o",
        createdAt: new Date("2026-01-01T00:00:00Z"),
        starCount: 2,
        pullCount: 9,
      },
      tag: "1.0",
      digest: "sha256:abc",
      actor: "alice",
      at: new Date("2026-02-01T00:00:00Z"),
      callbackUrl: "https://c/cb",
      consoleUrl: "https://console.example.com",
    });
    expect(p).toEqual({
      event: "push",
      callback_url: "https://c/cb",
      push_data: { pushed_at: 1769904000, pusher: "alice", tag: "1.0", digest: "sha256:abc", images: [] },
      repository: {
        comment_count: 0,
        date_created: 1767225600,
        description: "d",
        dockerfile: "",
        full_description: "o",
        is_official: false,
        is_private: true,
        is_trusted: false,
        name: "web",
        namespace: "acme",
        owner: "acme",
        repo_name: "acme/web",
        repo_url: "https://console.example.com/r/acme/web",
        star_count: 2,
        pull_count: 9,
        status: "Active",
      },
    });
  });
});

describe("retry backoff", () => {
  it("doubles from the base and stops growing at an hour", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(10_000, n))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(backoffMs(10_000, 30)).toBe(3_600_000);
  });
});

describe("webhook retry schedule", () => {
  it("by default keeps trying a receiver that is down for an hour, then gives up", () => {
    const { maxAttempts, baseSeconds } = WEBHOOK_RETRY_DEFAULTS;
    // The delay after failed attempt n (1-based) is backoffMs(base, n); attempt maxAttempts is the last.
    const delays = Array.from({ length: maxAttempts - 1 }, (_, i) => backoffMs(baseSeconds * 1000, i + 1) / 1000);
    expect(delays).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 2560]);
    const lastAttemptAfter = delays.reduce((a, b) => a + b, 0);
    expect(lastAttemptAfter).toBeGreaterThan(3600);
    expect(lastAttemptAfter).toBe(5110); // 85 min 10 s
    expect(backoffMs(10_000, 30)).toBe(3_600_000); // never more than an hour between attempts
  });
});
