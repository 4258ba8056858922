import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import type { PullRateLimit } from "@/lib/validations/site-settings";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { fetchRegistryToken } from "@/tests/helpers/registry-token";
import { clientAddress, uniqueName } from "@/tests/helpers/factory";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";

const c = inject("console");
const LIMIT: PullRateLimit = { authenticated: 5, anonymous: 3, windowSeconds: 5 };
const ACCEPT = "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";

let owner: ApiUser;
let repo: string;

function pullToken(user: ApiUser | null, headers: Record<string, string> = {}): Promise<string> {
  return fetchRegistryToken(c.url, [`repository:${repo}:pull`], user, headers);
}

function manifest(token: string, method = "GET", headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${c.url}/v2/${repo}/manifests/1.0`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: ACCEPT, ...headers },
  });
}

async function setLimit(limit: PullRateLimit | null) {
  await updateSiteSetting({ kind: "user", userId: owner.id, isAdmin: true }, "registry.pull_rate_limit", limit);
  // The console hears of the change through a database notification: wait until it has (a HEAD
  // carries the headers too, and spends nothing).
  const probe = await pullToken(null, { "x-forwarded-for": clientAddress() });
  const deadline = Date.now() + 8000;
  while ((await manifest(probe, "HEAD")).headers.has("ratelimit-limit") !== (limit !== null)) {
    if (Date.now() > deadline) throw new Error(`the pull limit did not become ${JSON.stringify(limit)} within 8 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("pull rate limits at the front door", () => {
  beforeAll(async () => {
    owner = await apiUser("rl");
    repo = `${owner.username}/${uniqueName("limited")}`;
    const image = await buildImage({ layers: [{ files: { "a.txt": "a" } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository: repo,
      tag: "1.0",
      username: owner.username,
      password: owner.password,
    });
  });
  afterAll(async () => {
    await setLimit(null);
  });

  it("are off by default: no rate-limit headers", async () => {
    const res = await manifest(await pullToken(owner));
    expect(res.status).toBe(200);
    expect(res.headers.has("ratelimit-limit")).toBe(false);
  });

  it("count manifest GETs per account: headers on each, 429 TOOMANYREQUESTS past the limit, HEAD free, and the window resets", async () => {
    await setLimit(LIMIT);
    const user = await apiUser("rl");
    const token = await pullToken(user);
    for (let left = 4; left >= 0; left--) {
      const res = await manifest(token);
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBe("5;w=5");
      expect(res.headers.get("ratelimit-remaining")).toBe(`${left};w=5`);
      // HEAD is free: it neither counts nor is refused, and says what is left.
      const head = await manifest(token, "HEAD");
      expect(head.status).toBe(200);
      expect(head.headers.get("ratelimit-remaining")).toBe(`${left};w=5`);
    }
    const over = await manifest(token);
    expect(over.status).toBe(429);
    expect(over.headers.get("ratelimit-remaining")).toBe("0;w=5");
    const retry = Number(over.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(5);
    const body = (await over.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0]!.code).toBe("TOOMANYREQUESTS");
    expect(body.errors[0]!.message).toMatch(/pull rate limit \(5 per 5 seconds\)\. Try again in \d+ seconds?\./);
    expect((await manifest(token, "HEAD")).status).toBe(200);

    // Another account is not affected.
    expect((await manifest(await pullToken(owner))).status).toBe(200);

    await new Promise((r) => setTimeout(r, retry * 1000 + 200));
    const again = await manifest(token);
    expect(again.status).toBe(200);
    expect(again.headers.get("ratelimit-remaining")).toBe("4;w=5");
  }, 30_000);

  it("hold when 100 pulls arrive at once: exactly the limit is served", async () => {
    await setLimit(LIMIT);
    const token = await pullToken(await apiUser("rl"));
    const statuses = await Promise.all(Array.from({ length: 100 }, () => manifest(token).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(95);
  });

  it("count anonymous pulls per client address, and say that logging in helps", async () => {
    await setLimit(LIMIT);
    const a = clientAddress();
    const b = clientAddress();
    const token = await pullToken(null);
    for (let i = 0; i < 3; i++) expect((await manifest(token, "GET", { "x-forwarded-for": a })).status).toBe(200);
    const over = await manifest(token, "GET", { "x-forwarded-for": a });
    expect(over.status).toBe(429);
    expect(((await over.json()) as { errors: { message: string }[] }).errors[0]!.message).toContain("docker login");
    expect((await manifest(token, "GET", { "x-forwarded-for": b })).status).toBe(200);
  });

  it("a forged token cannot spend someone else's pulls", async () => {
    await setLimit(LIMIT);
    const victim = await apiUser("rl");
    const real = await pullToken(victim);
    const [h, p] = real.split(".");
    const forged = `${h}.${p}.${Buffer.from("not a signature").toString("base64url")}`;
    const statuses = await Promise.all(Array.from({ length: 10 }, () => manifest(forged).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect((await manifest(real)).headers.get("ratelimit-remaining")).toBe("4;w=5");
  });
});
