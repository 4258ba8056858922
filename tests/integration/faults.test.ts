import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { RegistryClient } from "@/lib/registry/client";
import { mintRegistryToken } from "@/lib/registry/token-signer";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { createRepository } from "@/lib/services/repository/create";
import { updateSiteSetting } from "@/lib/services/site-setting/update";
import { startConsoleInstance, type ConsoleInstance } from "@/tests/harness/console-instance";
import { newUser } from "@/tests/helpers/accounts";
import { clientAddress } from "@/tests/helpers/factory";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";
import { formStateOf } from "@/tests/helpers/action-world";
import { callNamedAction } from "@/tests/helpers/server-action";
import { sessionCookie } from "@/tests/helpers/session";

/**
 * Faults the console must ride out without a restart and without losing or doubling anything:
 * its database connections killed mid-run, two console processes sharing one database (both
 * ingesting the same events, both running the job queue), a webhook receiver that is down.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
// Connections this pool holds die in the restart below; the pool replaces them.
db.on("error", () => undefined);
let second: ConsoleInstance;

beforeAll(async () => {
  // A second console on the same database, with its own registry; retries quick and few, so a
  // receiver that stays down is given up on within the test.
  // Like a second replica of one deployment: same database, same registry, same keys and secrets
  // (a copy of the first console's keys directory; webhook secrets are encrypted with a key derived
  // from AUTH_SECRET, and the registry trusts only the signing key's certificate).
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "rcp-replica-"));
  await fs.cp(path.join(c.dataDir, "keys"), path.join(dataDir, "keys"), { recursive: true });
  second = await startConsoleInstance({
    databaseUrl: c.databaseUrl,
    dataDir,
    env: {
      REGISTRY_URL: c.registryUrl,
      HSTS_MAX_AGE: "31536000",
      WEBHOOK_MAX_ATTEMPTS: "3",
      WEBHOOK_RETRY_BASE_SECONDS: "0.2",
      JOB_POLL_MS: "100",
    },
  });
}, 120_000);
afterAll(async () => {
  await second?.stop();
  await db.end();
});

async function owner() {
  const { id, username, password } = await newUser("ft");
  const actor: Actor = { kind: "user", userId: id, isAdmin: false };
  await createRepository(actor, { namespace: username, name: "app", description: "", visibility: "public" });
  const token = (
    await createPersonalAccessToken(id, { description: "faults", scope: "read_write_delete", expiry: "30" })
  ).secret;
  return { id, username, password, actor, token, repository: `${username}/app` };
}

const api = (base: string, token: string, p: string, init: RequestInit = {}) =>
  fetch(`${base}/api/v1${p}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      "X-Forwarded-For": clientAddress(),
      ...init.headers,
    },
  });

describe("the replica's configuration", () => {
  it("with HSTS_MAX_AGE set, pages, the API and the registry endpoints send Strict-Transport-Security", async () => {
    for (const p of ["/", "/api/health", "/api/registry/token?service=registry-console"]) {
      expect((await fetch(`${second.url}${p}`)).headers.get("strict-transport-security"), p).toBe(
        "max-age=31536000; includeSubDomains",
      );
    }
  });
});

describe("faults", () => {
  /** Requests to both consoles succeed again within moments; until then only a clean 503 "try again". */
  async function recovers(token: string, repository: string) {
    for (const base of [c.url, second.url]) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const res = await api(base, token, `/repositories/${repository}`);
        if (res.status === 200) break;
        expect(res.status, `${base}: ${await res.clone().text()}`).toBe(503);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("DATABASE_UNAVAILABLE");
        expect(Date.now(), `${base} still failing`).toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 200));
      }
      for (let i = 0; i < 5; i++)
        expect((await api(base, token, `/repositories/${repository}`)).status, `${base} request ${i}`).toBe(200);
      const health = await fetch(`${base}/api/health`);
      expect(health.status, `${base}: ${await health.text()}`).toBe(200);
    }
  }

  it("every database connection of both consoles killed mid-run: they recover without a restart", async () => {
    const o = await owner();
    expect((await api(c.url, o.token, `/repositories/${o.repository}`)).status).toBe(200);
    const killed = await db.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    expect(killed.rowCount).toBeGreaterThan(1);
    await recovers(o.token, o.repository);
  });

  it(
    "the PostgreSQL server restarted mid-run: both consoles recover without a restart, and a revocation made meanwhile holds",
    { timeout: 90_000 },
    async () => {
      const o = await owner();
      const extra = await createPersonalAccessToken(o.id, {
        description: "revoked during the outage",
        scope: "read",
        expiry: "30",
      });
      expect((await api(c.url, extra.secret, "/user")).status).toBe(200); // cached by the console now
      const version = execFileSync("ls", ["/etc/postgresql"], { encoding: "utf8" }).trim().split("\n")[0]!;
      execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "restart"], { stdio: "ignore" });
      for (let i = 0; i < 100; i++) {
        try {
          execFileSync("pg_isready", ["-q", "-h", "127.0.0.1", "-p", "5432"]);
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      // Revoked straight in the database while the consoles may not be listening yet.
      for (let i = 0; ; i++) {
        // This pool may hand out a connection the restart killed before it notices: try again.
        const ok = await db
          .query("update personal_access_tokens set deactivated_at = now() where id = $1", [extra.id])
          .then(
            () => true,
            () => false,
          );
        if (ok) break;
        expect(i).toBeLessThan(20);
        await new Promise((r) => setTimeout(r, 100));
      }
      await recovers(o.token, o.repository);
      expect((await api(c.url, extra.secret, "/user")).status).toBe(401);
      expect((await api(second.url, extra.secret, "/user")).status).toBe(401);
    },
  );

  it(
    "PostgreSQL stopped: a form says the database is not reachable (the API: 503), and both work again once it is back",
    { timeout: 90_000 },
    async () => {
      const o = await owner();
      const cookie = await sessionCookie(c.url, o.id);
      const save = (displayName: string) =>
        callNamedAction(
          c.url,
          "lib/actions/profile.ts#updateProfileAction",
          { displayName, company: "", location: "", website: "" },
          { cookie },
        );
      const version = execFileSync("ls", ["/etc/postgresql"], { encoding: "utf8" }).trim().split("\n")[0]!;
      execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "stop"], { stdio: "ignore" });
      try {
        const res = await save("while down");
        expect(res.status).toBeLessThan(500);
        expect(formStateOf(res.body)).toMatchObject({
          ok: false,
          message: "The database is not reachable right now. Try again in a moment.",
          values: { displayName: "while down" },
        });
        expect((await api(c.url, o.token, `/repositories/${o.repository}`)).status).toBe(503);
      } finally {
        execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "ignore" });
      }
      await recovers(o.token, o.repository);
      expect(formStateOf((await save("after")).body)).toMatchObject({ ok: true });
      expect((await db.query("select display_name from users where id = $1", [o.id])).rows[0].display_name).toBe(
        "after",
      );
    },
  );

  it("400 pulls through two consoles' front doors at once: every pull counted exactly once, before its answer", async () => {
    const o = await owner();
    const image = await buildImage({ layers: [{ files: { "p.txt": o.repository } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository: o.repository,
      tag: "latest",
      username: o.username,
      password: o.password,
    });
    // Anonymous pulls of a public repository; the token service of either console hands them out.
    const token = (
      await (
        await fetch(`${c.url}/api/registry/token?service=registry-console&scope=repository:${o.repository}:pull`)
      ).json()
    ).token;
    const pull = (base: string) =>
      fetch(`${base}/v2/${o.repository}/manifests/latest`, {
        headers: { Authorization: `Bearer ${token}`, Accept: "application/vnd.oci.image.manifest.v1+json" },
      }).then(async (r) => (await r.arrayBuffer(), r.status));
    const statuses = await Promise.all(Array.from({ length: 400 }, (_, i) => pull(i % 2 ? c.url : second.url)));
    expect(new Set(statuses)).toEqual(new Set([200]));
    // Counted or queued for the counters: all 400 as soon as the last answer arrived, and no more later.
    const recorded = async () =>
      Number(
        (
          await db.query(
            `select r.pull_count + (select count(*) from registry_pull_queue q where q.repository_id = r.id) as n
             from repositories r join namespaces n on n.id = r.namespace_id where n.name || '/' || r.name = $1`,
            [o.repository],
          )
        ).rows[0].n,
      );
    expect(await recorded()).toBe(400);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await recorded()).toBe(400);
  });

  it("a webhook receiver that is down: the delivery is retried, then marked failed with each attempt visible; one delivery per event across two consoles", async () => {
    const o = await owner();
    const operator = (await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]))
      .rows[0]!;
    await updateSiteSetting(
      { kind: "user", userId: operator.id, isAdmin: true },
      "webhooks.allow_private_targets",
      true,
    );
    // A port nobody listens on: connection refused on every attempt.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const created = await api(second.url, o.token, `/repositories/${o.repository}/webhooks`, {
      method: "POST",
      body: JSON.stringify({
        name: "down",
        url: `http://127.0.0.1:${port}/hook`,
        trigger: { type: "all" },
        events: ["push"],
      }),
    });
    expect(created.status).toBe(201);
    const hook = (await created.json()) as { id: string };
    const test = await api(second.url, o.token, `/repositories/${o.repository}/webhooks/${hook.id}/test`, {
      method: "POST",
    });
    expect(test.status).toBe(202);
    // Both consoles run the job queue. The attempt limit is the enqueuing console's (3, stored with
    // the job), whichever process makes each attempt.
    let delivery:
      | { status: string; attempts: Array<{ attempt: number; error: string | null; status_code: number | null }> }
      | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const log = (await (
        await api(second.url, o.token, `/repositories/${o.repository}/webhooks/${hook.id}/deliveries`)
      ).json()) as { results: Array<NonNullable<typeof delivery>> };
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

  it(
    "the registry hanging: index pages still answer from the index, the image page says the registry is unreachable, a delete fails with a clear message and changes nothing",
    { timeout: 90_000 },
    async () => {
      const o = await owner();
      const image = await buildImage({ layers: [{ files: { "s.txt": o.repository } }] });
      await pushImage(image, {
        registry: c.registryHost,
        repository: o.repository,
        tag: "1",
        username: o.username,
        password: o.password,
      });
      const listed = async () => (await api(c.url, o.token, `/repositories/${o.repository}/tags/1`)).status === 200;
      for (let i = 0; i < 100 && !(await listed()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await listed()).toBe(true);
      const pid = Number(
        execFileSync("pgrep", ["-f", path.join(c.dataDir, "registry", "config.yml")], { encoding: "utf8" })
          .trim()
          .split("\n")[0],
      );
      // SIGSTOP: connections are accepted by the kernel and never answered, the slowest failure there is.
      process.kill(pid, "SIGSTOP");
      try {
        for (const p of [`/r/${o.repository}`, `/r/${o.repository}/tags`]) {
          const t = Date.now();
          const res = await fetch(`${c.url}${p}`, { headers: { "X-Forwarded-For": clientAddress() } });
          expect(res.status, p).toBe(200);
          await res.arrayBuffer();
          expect(Date.now() - t, `${p} waits for nothing`).toBeLessThan(3000);
        }
        const imagePage = await fetch(`${c.url}/r/${o.repository}/tags/1`, {
          headers: { "X-Forwarded-For": clientAddress() },
        });
        expect(imagePage.status).toBe(200);
        expect(await imagePage.text()).toContain("The registry is not reachable right now");
        const del = await api(c.url, o.token, `/repositories/${o.repository}/tags/1`, { method: "DELETE" });
        expect(del.status).toBe(503);
        expect(((await del.json()) as { error: { code: string; message: string } }).error).toMatchObject({
          code: "REGISTRY_UNAVAILABLE",
        });
      } finally {
        process.kill(pid, "SIGCONT");
      }
      // Nothing was half-done: once the registry answers again the image is still there, and listed.
      await new Promise((r) => setTimeout(r, 2000));
      const registry = new RegistryClient({
        baseUrl: c.registryUrl,
        timeoutMs: 5000,
        authorize: (a) => mintRegistryToken("_console", a, 60).token,
      });
      expect((await registry.getManifest(o.repository, "1")).digest).toBe(image.manifestDigest);
      expect(await listed()).toBe(true);
    },
  );
});
