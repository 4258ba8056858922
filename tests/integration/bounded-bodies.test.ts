import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { sessionCookie } from "@/tests/helpers/session";
import { streamingPost } from "@/tests/helpers/streaming-post";

/**
 * Every endpoint that reads a body reads it with a byte limit and parses JSON with a nesting
 * limit, both before parsing (lib/http/read-body.ts). From an outside test: a JSON body 2,000
 * deep was a 500 (a recursive walk overflowed the stack), and 30 MB posted at the token endpoint
 * were read in full before its 400.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

const MB = 1024 * 1024;
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

let api: Awaited<ReturnType<typeof openApiClient>>;
let u: ApiUser;
const repositoryCount = async (name: string) =>
  (await db.query("select count(*)::int as n from repositories where name = $1", [name])).rows[0].n as number;

beforeAll(async () => {
  api = await openApiClient(c.url);
  u = await apiUser("bb");
});

describe("the JSON API", () => {
  it("refuses a body nested 2,000 or 10,000 deep with 400 JSON_TOO_DEEP, never a 500, and creates nothing", async () => {
    for (const [label, nested] of [
      ["arrays 10,000 deep", deepArray(10_000)],
      ["objects 10,000 deep", deepObject(10_000)],
      ["objects 2,000 deep", deepObject(2_000)],
    ] as const) {
      const name = `deep${crypto.randomBytes(4).toString("hex")}`;
      // A valid creation but for the deep extra field (which zod would otherwise drop).
      const rawBody = `{"name":"${name}","visibility":"public","extra":${nested}}`;
      const r = await api.call("createRepository", u.tokens.read_write, { params: { namespace: u.username }, rawBody });
      expect([r.status, r.body.error.code], label).toEqual([400, "JSON_TOO_DEEP"]);
      expect(r.body.error.details).toEqual({ maxDepth: 32 });
      expect(await repositoryCount(name), label).toBe(0);
    }
  });

  it("accepts nesting within the limit and brackets inside strings", async () => {
    const name = `shallow${crypto.randomBytes(4).toString("hex")}`;
    const rawBody = `{"name":"${name}","visibility":"public","description":"${"[{".repeat(45)}","extra":${deepArray(31)}}`;
    const r = await api.call("createRepository", u.tokens.read_write, { params: { namespace: u.username }, rawBody });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.description).toBe("[{".repeat(45));
  });

  it("refuses a 2 MB body with 413 PAYLOAD_TOO_LARGE, with Content-Length and without, and creates nothing", async () => {
    const name = `big${crypto.randomBytes(4).toString("hex")}`;
    const r = await api.call("createRepository", u.tokens.read_write, {
      params: { namespace: u.username },
      body: { name, visibility: "public", description: "x".repeat(1.5 * MB) },
    });
    expect([r.status, r.body.error.code, r.body.error.details]).toEqual([413, "PAYLOAD_TOO_LARGE", { limitBytes: MB }]);
    // Past 2 MB declared, the console's server refuses before Next reads any of it.
    // streamingPost, not fetch: the server answers and closes without reading the body, and fetch
    // fails with EPIPE when the close reaches it before the answer does (seen once in a full run).
    const huge = await streamingPost(`${c.url}/api/v1/namespaces/${u.username}/repositories`, {
      total: 3 * MB,
      contentLength: 3 * MB,
      headers: { Authorization: `Bearer ${u.tokens.read_write}`, "Content-Type": "application/json" },
    });
    expect([huge.status, JSON.parse(huge.text).error.code, JSON.parse(huge.text).error.details]).toEqual([
      413,
      "PAYLOAD_TOO_LARGE",
      { limitBytes: 2 * MB },
    ]);
    // Chunked, so only counting the bytes can tell. (Next's proxy step buffers API bodies before
    // the route handler runs, so the client gets to send all of it here; the limit still holds.)
    const chunked = await streamingPost(`${c.url}/api/v1/namespaces/${u.username}/repositories`, {
      total: 2 * MB,
      headers: { Authorization: `Bearer ${u.tokens.read_write}`, "Content-Type": "application/json" },
    });
    expect([chunked.status, JSON.parse(chunked.text).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    expect(await repositoryCount(name)).toBe(0);
  });

  it("still answers 400 MALFORMED_JSON to a body that is not JSON", async () => {
    const r = await api.call("createRepository", u.tokens.read_write, {
      params: { namespace: u.username },
      rawBody: '{"name": "x',
    });
    expect([r.status, r.body.error.code]).toEqual([400, "MALFORMED_JSON"]);
  });
});

describe("the registry token endpoint", () => {
  const tokenUrl = () => `${c.url}/api/registry/token`;
  const form = { "Content-Type": "application/x-www-form-urlencoded" };

  function expectRegistryShape(text: string) {
    const body = JSON.parse(text) as { errors: Array<{ code: string; message: string }>; error: { code: string } };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "The body is larger than 64 KB" });
    expect(body.error.code).toBe("PAYLOAD_TOO_LARGE");
  }

  it("answers a 30 MB chunked POST with 413 in the registry's error shape while the client is still sending", async () => {
    const r = await streamingPost(tokenUrl(), { total: 30 * MB, headers: form });
    expect(r.status).toBe(413);
    expectRegistryShape(r.text);
    expect(r.headers["cache-control"]).toBe("no-store");
    expect(r.headers.connection).toBe("close");
    // The console stopped reading at 64 KB; what the client got to send is what the sockets buffered.
    expect(r.finishedSending).toBe(false);
    expect(r.sentBeforeAnswer).toBeLessThan(30 * MB);
  });

  it("answers a Content-Length of 30 MB with 413 at once, without waiting for the body", async () => {
    const start = performance.now();
    const r = await streamingPost(tokenUrl(), { total: 1024, contentLength: 30 * MB, headers: form, timeoutMs: 5000 });
    expect(r.status).toBe(413);
    expectRegistryShape(r.text);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it("still issues tokens for an ordinary form", async () => {
    const res = await fetch(tokenUrl(), {
      method: "POST",
      headers: form,
      body: new URLSearchParams({
        grant_type: "password",
        service: "registry-console",
        client_id: "docker",
        username: u.username,
        password: u.password,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(typeof (await res.json()).token).toBe("string");
  });
});

describe("the registry event endpoint", () => {
  const eventsUrl = () => `${c.url}/api/registry/events`;
  const auth = () => ({
    Authorization: `Bearer ${c.eventsSecret}`,
    "Content-Type": "application/vnd.docker.distribution.events.v1+json",
  });

  it("refuses an envelope over 32 MB with 413 before reading the rest, and reads nothing without the secret", async () => {
    // Twice the limit: past 32 MB the client can still hand the sockets' buffers and the server's
    // bounded linger (16 MB) some megabytes before it sees the answer; 40 MB left too thin a margin.
    const r = await streamingPost(eventsUrl(), { total: 64 * MB, headers: auth() });
    expect([r.status, JSON.parse(r.text).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    expect(r.finishedSending).toBe(false);
    const forged = await streamingPost(eventsUrl(), {
      total: 30 * MB,
      headers: { ...auth(), Authorization: "Bearer wrong-secret-wrong-secret" },
    });
    expect([forged.status, forged.finishedSending]).toEqual([401, false]);
  });

  it("refuses an envelope nested 10,000 deep with 400 JSON_TOO_DEEP", async () => {
    const res = await fetch(eventsUrl(), { method: "POST", headers: auth(), body: `{"events":${deepArray(10_000)}}` });
    expect([res.status, (await res.json()).error.code]).toEqual([400, "JSON_TOO_DEEP"]);
  });
});

describe("the webhook callback and Auth.js endpoints", () => {
  const callbackUrl = () => `${c.url}/api/webhooks/callback/${crypto.randomUUID()}/${"a".repeat(43)}`;

  it("webhook callback: 413 over 16 KB, 400 JSON_TOO_DEEP for deep JSON", async () => {
    const big = await fetch(callbackUrl(), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ state: "success", description: "x".repeat(20_000) }),
    });
    expect([big.status, (await big.json()).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    // 10 KB, within the byte limit: the depth check refuses it.
    const deep = await fetch(callbackUrl(), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: deepArray(5_000),
    });
    expect([deep.status, (await deep.json()).error.code]).toEqual([400, "JSON_TOO_DEEP"]);
  });

  it("Auth.js: 413 for a form over 64 KB; signing in through it still works", async () => {
    const big = await fetch(`${c.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: c.url },
      body: `csrfToken=${"x".repeat(70 * 1024)}`,
    });
    expect([big.status, (await big.json()).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    expect(await sessionCookie(c.url, u.id)).toMatch(/^authjs\.session-token=/);
  });
});
