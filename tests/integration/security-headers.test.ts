import { describe, expect, inject, it } from "vitest";
import { clientAddress } from "@/tests/helpers/factory";

/** Security headers on every kind of response the console sends, and no internals in error bodies. */
const c = inject("console");

const BASE = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
};

function expectBase(res: Response, what: string) {
  for (const [k, v] of Object.entries(BASE)) expect(res.headers.get(k), `${what}: ${k}`).toBe(v);
  expect(res.headers.get("x-powered-by"), what).toBeNull();
  // HSTS is opt-in (HSTS_MAX_AGE) because the test console is plain HTTP.
  expect(res.headers.get("strict-transport-security"), what).toBeNull();
}

describe("security headers", () => {
  it("pages: a fresh nonce per response, on every inline script, and no unsafe-inline scripts", async () => {
    const nonces = new Set<string>();
    for (const path of ["/", "/signin", "/explore", "/no-such-page"]) {
      const res = await fetch(`${c.url}${path}`);
      expectBase(res, path);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, `${path}: ${csp}`).toBeTruthy();
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      nonces.add(nonce!);
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const attrs of scripts) expect(attrs, `${path}: <script${attrs}>`).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(4);
  });

  it("the JSON API, the registry's endpoints, redirects and build assets: nothing may render, frame or sniff them", async () => {
    const html = await (await fetch(`${c.url}/signin`)).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const cases: Array<[string, Response]> = [
      ["api 401", await fetch(`${c.url}/api/v1/user`)],
      ["api health", await fetch(`${c.url}/api/health`)],
      ["token endpoint", await fetch(`${c.url}/api/registry/token?service=registry-console`)],
      ["events endpoint", await fetch(`${c.url}/api/registry/events`, { method: "POST", body: "{}" })],
      ["redirect to sign-in", await fetch(`${c.url}/settings/tokens`, { redirect: "manual" })],
      ["build asset", await fetch(`${c.url}${asset}`)],
    ];
    for (const [what, res] of cases) {
      expectBase(res, what);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, what).toContain("default-src 'none'");
      expect(csp, what).toContain("frame-ancestors 'none'");
    }
  });

  it("error answers say what went wrong, never how the code looks inside", async () => {
    const bodies = [
      await fetch(`${c.url}/api/v1/namespaces/x/repositories`, {
        method: "POST",
        headers: {
          Authorization: "Bearer rcp_nope",
          "Content-Type": "application/json",
          "X-Forwarded-For": clientAddress(),
        },
        body: "{not json",
      }),
      await fetch(`${c.url}/api/registry/events`, {
        method: "POST",
        headers: { Authorization: `Bearer ${c.eventsSecret}` },
        body: "{not json",
      }),
      await fetch(`${c.url}/api/registry/token?service=registry-console&scope=${"x".repeat(5000)}`),
      await fetch(`${c.url}/api/v1/repositories/${"%00".repeat(3)}/x/tags?page=-1`),
    ];
    for (const res of bodies) {
      const text = await res.text();
      expect(res.status, text).toBeGreaterThanOrEqual(400);
      expect(res.status, text).toBeLessThan(500);
      expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|\/work\/|stack/i);
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });
});
