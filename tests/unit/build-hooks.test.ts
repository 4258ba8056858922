import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { hookFormatOf } from "@/lib/builds/hooks";
import { hexMacEquals } from "@/lib/builds/hooks/mac";
import { signPayload } from "@/lib/webhooks/signature";

const enc = (s: string) => new TextEncoder().encode(s);
const hmac = (key: string, body: string) => crypto.createHmac("sha256", key).update(body).digest("hex");
const SHA = "a".repeat(40);
const NOW = 1_800_000_000_000;

describe("build webhook formats", () => {
  it("recognises each host by its headers; Gitea and Forgejo before GitHub, whose header they also send", () => {
    expect(hookFormatOf(new Headers({ "X-GitHub-Event": "push" })).source).toBe("github");
    expect(hookFormatOf(new Headers({ "X-Gitea-Event": "push", "X-GitHub-Event": "push" })).source).toBe("gitea");
    expect(hookFormatOf(new Headers({ "X-Forgejo-Event": "push" })).source).toBe("gitea");
    expect(hookFormatOf(new Headers({ "X-Gitlab-Event": "Push Hook" })).source).toBe("gitlab");
    expect(hookFormatOf(new Headers({ "X-Dockyard-Signature": "t=1,v1=00" })).source).toBe("generic");
    expect(hookFormatOf(new Headers()).source).toBe("generic");
  });

  it("verifies GitHub's and Gitea's HMAC over the raw bytes, and only with the right secret", () => {
    const body = `{"ref":"refs/heads/main","after":"${SHA}"}`;
    const gh = new Headers({ "X-GitHub-Event": "push", "X-Hub-Signature-256": `sha256=${hmac("s3cret", body)}` });
    const f = hookFormatOf(gh);
    expect(f.verify(gh, enc(body), "s3cret", NOW)).toBe(true);
    expect(f.verify(gh, enc(body), "other", NOW)).toBe(false);
    expect(f.verify(gh, enc(`${body} `), "s3cret", NOW)).toBe(false);
    const bare = new Headers({ "X-GitHub-Event": "push", "X-Hub-Signature-256": hmac("s3cret", body) });
    expect(f.verify(bare, enc(body), "s3cret", NOW)).toBe(false);
    const gt = new Headers({ "X-Gitea-Event": "push", "X-Gitea-Signature": hmac("s3cret", body) });
    expect(hookFormatOf(gt).verify(gt, enc(body), "s3cret", NOW)).toBe(true);
  });

  it("compares MACs of any length or alphabet without throwing", () => {
    const mac = hmac("k", "b");
    expect(hexMacEquals(mac, mac)).toBe(true);
    expect(hexMacEquals(mac.toUpperCase(), mac)).toBe(true);
    expect(hexMacEquals(mac.slice(2), mac)).toBe(false);
    expect(hexMacEquals(`${mac.slice(0, 62)}zz`, mac)).toBe(false);
    expect(hexMacEquals("", mac)).toBe(false);
  });

  it("checks the generic signature as Dockyard's outgoing webhooks sign, within 5 minutes", () => {
    const body = `{"ref":"refs/heads/main","sha":"${SHA}"}`;
    const at = (t: number) => new Headers({ "X-Dockyard-Signature": signPayload("k", body, t) });
    const f = hookFormatOf(at(0));
    const t = NOW / 1000;
    expect(f.precheck(at(t - 299), NOW)).toEqual({ ok: true });
    expect(f.verify(at(t - 299), enc(body), "k", NOW)).toBe(true);
    expect(f.precheck(at(t - 301), NOW)).toMatchObject({ ok: false, reason: "stale_timestamp" });
    expect(f.precheck(new Headers(), NOW)).toMatchObject({ ok: false, reason: "missing_signature" });
  });

  it("reads pushes: annotated tags by their commit, deletions, GitLab's checkout_sha", () => {
    const gh = hookFormatOf(new Headers({ "X-GitHub-Event": "push" }));
    expect(gh.push({ ref: "refs/tags/v1", after: "b".repeat(40), head_commit: { id: SHA } })).toEqual({
      ref: "refs/tags/v1",
      sha: SHA,
      deleted: false,
    });
    expect(gh.push({ ref: "refs/heads/x", after: "0".repeat(40), deleted: true, head_commit: null }).deleted).toBe(
      true,
    );
    const gl = hookFormatOf(new Headers({ "X-Gitlab-Event": "Tag Push Hook" }));
    expect(gl.push({ ref: "refs/tags/v1", after: "b".repeat(40), checkout_sha: SHA }).sha).toBe(SHA);
    expect(gl.push({ ref: "refs/heads/x", after: "0".repeat(40), checkout_sha: null }).deleted).toBe(true);
    expect(() => gh.push({ ref: "refs/heads/a b", after: SHA })).toThrow(/GitHub push payload/);
    expect(() => hookFormatOf(new Headers()).push({ ref: "main", sha: SHA })).toThrow(/generic push payload/);
  });

  it("names the event: push, ping, or one that starts nothing", () => {
    expect(
      hookFormatOf(new Headers({ "X-GitHub-Event": "ping" })).event(new Headers({ "X-GitHub-Event": "ping" })),
    ).toEqual({ kind: "ping" });
    const mr = new Headers({ "X-Gitlab-Event": "Merge Request Hook" });
    expect(hookFormatOf(mr).event(mr)).toEqual({ kind: "unsupported", name: "Merge Request Hook" });
  });
});
