import crypto from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/authz/repository-permissions";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { createRepository } from "@/lib/services/repository/create";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { createUser } from "@/lib/services/user/create";
import { startConsoleInstance, type ConsoleInstance } from "@/tests/harness/console-instance";
import { clientAddress, uniqueName } from "@/tests/helpers/factory";

/**
 * Faults the console must ride out without a restart and without losing or doubling anything:
 * its database connections killed mid-run, two console processes sharing one database (both
 * ingesting the same events, both running the job queue), a webhook receiver that is down.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let second: ConsoleInstance;

beforeAll(async () => {
  // A second console on the same database, with its own registry; retries quick and few, so a
  // receiver that stays down is given up on within the test.
  second = await startConsoleInstance({ databaseUrl: c.databaseUrl, env: { WEBHOOK_MAX_ATTEMPTS: "3", WEBHOOK_RETRY_BASE_SECONDS: "0.2", JOB_POLL_MS: "100" } });
}, 120_000);
afterAll(async () => {
  await second?.stop();
  await db.end();
});

async function owner() {
  const username = uniqueName("ft");
  const { id } = await createUser({ username, email: `${username}@example.test`, password: `pw-${username}-x` });
  const actor: Actor = { kind: "user", userId: id, isAdmin: false };
  await createRepository(actor, { namespace: username, name: "app", description: "", visibility: "public" });
  const token = (await createPersonalAccessToken(id, { description: "faults", scope: "read_write_delete", expiry: "30" })).secret;
  return { id, username, actor, token, repository: `${username}/app` };
}

const api = (base: string, token: string, p: string, init: RequestInit = {}) =>
  fetch(`${base}/api/v1${p}`, { ...init, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "X-Forwarded-For": clientAddress(), ...init.headers } });

describe("faults", () => {
  it("every database connection of both consoles killed mid-run: the next requests succeed, nothing restarts", async () => {
    const o = await owner();
    expect((await api(c.url, o.token, `/repositories/${o.repository}`)).status).toBe(200);
    const killed = await db.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
    expect(killed.rowCount).toBeGreaterThan(1);
    // A request that meets a connection as it dies may fail, with a clean "try again" (503 and a
    // code); within moments the pools have replaced the dead connections and everything succeeds.
    for (const base of [c.url, second.url]) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const res = await api(base, o.token, `/repositories/${o.repository}`);
        if (res.status === 200) break;
        expect(res.status, `${base}: ${await res.clone().text()}`).toBe(503);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("DATABASE_UNAVAILABLE");
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 100));
      }
      for (let i = 0; i < 5; i++) expect((await api(base, o.token, `/repositories/${o.repository}`)).status, `${base} request ${i}`).toBe(200);
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
    }
  });

  it("the same events sent to two consoles at once, and again: every pull counted exactly once", async () => {
    const o = await owner();
    const secondSecret = (await fs.readFile(path.join(second.dataDir, "keys", "registry-events-secret"), "utf8")).trim();
    const events = Array.from({ length: 400 }, (_, i) => ({
      id: crypto.randomUUID(),
      timestamp: new Date(Date.now() - 1000 + i).toISOString(),
      action: "pull",
      target: { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: `sha256:${"a".repeat(64)}`, size: 10, repository: o.repository, tag: "latest" },
      request: { method: "GET" },
      actor: { name: o.username },
    }));
    const envelopes = Array.from({ length: 40 }, (_, i) => JSON.stringify({ events: events.slice(i * 10, i * 10 + 10) }));
    const post = (base: string, secret: string, body: string) => fetch(`${base}/api/registry/events`, { method: "POST", headers: { Authorization: `Bearer ${secret}` }, body }).then((r) => r.status);
    // Each envelope to both consoles at the same moment, twice over, in shuffled order.
    const sends = [...envelopes, ...envelopes].flatMap((e) => [post(c.url, c.eventsSecret, e), post(second.url, secondSecret, e)]);
    expect(new Set(await Promise.all(sends))).toEqual(new Set([200]));
    const counted = async () => Number((await db.query("select r.pull_count from repositories r join namespaces n on n.id = r.namespace_id where n.name || '/' || r.name = $1", [o.repository])).rows[0].pull_count);
    const deadline = Date.now() + 10_000;
    while ((await counted()) < 400 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000)); // long enough for a second count to land
    expect(await counted()).toBe(400);
    expect(Number((await db.query("select count(*) from registry_events where repository = $1", [o.repository])).rows[0].count)).toBe(400);
  });

  it("a webhook receiver that is down: the delivery is retried, then marked failed with each attempt visible; one delivery per event across two consoles", async () => {
    const o = await owner();
    const operator = (await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username])).rows[0]!;
    await updateSiteSetting({ kind: "user", userId: operator.id, isAdmin: true }, "webhooks.allow_private_targets", true);
    // A port nobody listens on: connection refused on every attempt.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const created = await api(second.url, o.token, `/repositories/${o.repository}/webhooks`, { method: "POST", body: JSON.stringify({ name: "down", url: `http://127.0.0.1:${port}/hook`, trigger: { type: "all" }, events: ["push"] }) });
    expect(created.status).toBe(201);
    const hook = (await created.json()) as { id: string };
    const test = await api(second.url, o.token, `/repositories/${o.repository}/webhooks/${hook.id}/test`, { method: "POST" });
    expect(test.status).toBe(202);
    // Both consoles run the job queue. The attempt limit is the enqueuing console's (3, stored with
    // the job), whichever process makes each attempt.
    let delivery: { status: string; attempts: Array<{ attempt: number; error: string | null; status_code: number | null }> } | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const log = (await (await api(second.url, o.token, `/repositories/${o.repository}/webhooks/${hook.id}/deliveries`)).json()) as { results: Array<NonNullable<typeof delivery>> };
      delivery = log.results[0];
      if (delivery?.status === "failed") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(delivery?.status).toBe("failed");
    const attempts = delivery!.attempts.map((a) => a.attempt).sort((a, b) => a - b);
    // Each attempt once, however many processes claim work.
    expect(attempts).toEqual([1, 2, 3]);
    for (const a of delivery!.attempts) {
      expect(a.status_code).toBeNull();
      expect(a.error).toMatch(/refused|connect/i);
    }
  });
});
