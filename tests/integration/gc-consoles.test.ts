import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { walkBlobs } from "@/lib/runtime/blob-usage";
import { startConsoleInstance, type ConsoleInstance } from "@/tests/harness/console-instance";
import { createTestDatabase } from "@/tests/harness/test-database";
import { openApiClient } from "@/tests/helpers/api";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";

/**
 * Garbage collection across console processes: two consoles, each with its own registry, on one
 * database (one run at a time between them), and the offline `npm run registry:gc` of a stopped
 * console's registry.
 */
const run = promisify(execFile);
const cleanups: Array<() => Promise<unknown>> = [];
let a: ConsoleInstance;
let b: ConsoleInstance;
let db: pg.Client;
let token: string;

beforeAll(async () => {
  const database = await createTestDatabase("rcp_gc2");
  cleanups.push(() => database.drop());
  a = await startConsoleInstance({ databaseUrl: database.url });
  cleanups.push(() => a.stop());
  b = await startConsoleInstance({ databaseUrl: database.url, adminPassword: a.admin.password });
  cleanups.push(() => b.stop());
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  cleanups.push(() => db.end());
  process.env.DATABASE_URL = database.url;
  const { createPersonalAccessToken } = await import("@/lib/services/personal-access-token/create");
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [a.admin.username]);
  token = (
    await createPersonalAccessToken(rows[0]!.id, { description: "gc", scope: "read_write_delete", expiry: "30" })
  ).secret;
}, 240_000);

afterAll(async () => {
  for (const f of cleanups.reverse()) await f().catch(() => undefined);
});

async function waitFor<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("garbage collection with two consoles on one database", () => {
  it("one run at a time: of two starts at once on two consoles one is queued, the other refused, and one console runs it", async () => {
    const [apiA, apiB] = await Promise.all([openApiClient(a.url), openApiClient(b.url)]);
    const answers = await Promise.all([
      apiA.call("startGarbageCollection", token),
      apiB.call("startGarbageCollection", token),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([202, 409]);
    const refused = answers.find((r) => r.status === 409)!;
    expect(refused.body.error.code).toBe("GC_ALREADY_RUNNING");
    const id = answers.find((r) => r.status === 202)!.body.id as string;
    const done = await waitFor(
      "the run",
      async () => (await apiB.call("getGarbageCollection", token, { params: { id } })).body,
      (r) => !["queued", "running"].includes(r.status),
    );
    expect(done.status, done.log).toBe("succeeded");
    // Claimed by exactly one of the two web servers.
    const { rows } = await db.query<{ n: number; owner_pid: number }>(
      "select count(*)::int as n, min(owner_pid) as owner_pid from registry_gc_runs",
    );
    expect(rows[0]!.n).toBe(1);
    const webServers = await Promise.all(
      [a, b].map(async (c) => Number((await run("pgrep", ["-P", String(c.child.pid), "-f", "web-server.ts"])).stdout)),
    );
    expect(webServers).toContain(rows[0]!.owner_pid);
    // And a new one may start once it is over.
    const next = await apiA.call("startGarbageCollection", token);
    expect(next.status).toBe(202);
    await waitFor(
      "the second run",
      async () => (await apiA.call("getGarbageCollection", token, { params: { id: next.body.id } })).body,
      (r) => !["queued", "running"].includes(r.status),
    );
  });

  it("a garbage-collect that fails leaves the registry read-write, the run failed with its log and error", async () => {
    // A manifest revision whose blob is a layer (gzip, not JSON): garbage-collect's mark phase gives up on it.
    const op = b.admin.username;
    const creds = { username: op, password: b.admin.password };
    const image = await buildImage({ layers: [{ files: { "b.txt": "on console b" } }] });
    await pushImage(image, { registry: b.registryHost, repository: `${op}/broken`, tag: "v1", ...creds });
    const layerHex = image.layers[0]!.digest.slice("sha256:".length);
    const revision = path.join(
      b.dataDir,
      "registry/storage/docker/registry/v2/repositories",
      op,
      "broken/_manifests/revisions/sha256",
      layerHex,
    );
    await fs.mkdir(revision, { recursive: true });
    await fs.writeFile(path.join(revision, "link"), `sha256:${layerHex}`);
    // Only console b may run this one: console a (start command and web server) is paused meanwhile.
    const webA = Number((await run("pgrep", ["-P", String(a.child.pid), "-f", "web-server.ts"])).stdout);
    try {
      process.kill(a.child.pid!, "SIGSTOP");
      process.kill(webA, "SIGSTOP");
      const api = await openApiClient(b.url);
      const started = await api.call("startGarbageCollection", token);
      expect(started.status).toBe(202);
      const done = await waitFor(
        "the run",
        async () => (await api.call("getGarbageCollection", token, { params: { id: started.body.id } })).body,
        (r) => !["queued", "running"].includes(r.status),
      );
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/garbage-collect failed/);
      expect(done.log).toContain("failed to");
      expect(done.log).toContain("window closed");
    } finally {
      process.kill(webA, "SIGCONT");
      process.kill(a.child.pid!, "SIGCONT");
      await fs.rm(revision, { recursive: true, force: true });
    }
    // Back to read-write: a push works.
    await pushImage(image, { registry: b.registryHost, repository: `${op}/broken`, tag: "v2", ...creds });
  });

  it(
    "`npm run registry:gc` refuses while the console runs and collects once it is stopped",
    { timeout: 180_000 },
    async () => {
      const op = a.admin.username;
      const creds = { username: op, password: a.admin.password };
      const image = await buildImage({ layers: [{ files: { "offline.txt": "offline garbage ".repeat(10_000) } }] });
      await pushImage(image, { registry: a.registryHost, repository: `${op}/offline`, tag: "gone", ...creds });
      const api = await openApiClient(a.url);
      const deleted = await api.call("deleteTag", token, { params: { namespace: op, name: "offline", tag: "gone" } });
      expect(deleted.status).toBe(204);
      const gc = (extra: string[] = []) =>
        run(process.execPath, ["--import", "tsx", "scripts/registry-gc.ts", ...extra], {
          env: { ...process.env, DATA_DIR: a.dataDir },
        }).then(
          (r) => ({ code: 0, out: r.stdout + r.stderr }),
          (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
        );
      const refused = await gc();
      expect(refused.code).toBe(3);
      expect(refused.out).toContain("Admin → Garbage collection");

      await a.stop();
      const storage = path.join(a.dataDir, "registry", "storage");
      const before = await walkBlobs(storage);
      expect(before.digests.has(image.layers[0]!.digest)).toBe(true);
      const dry = await gc(["--", "--dry-run"]);
      expect(dry.code, dry.out).toBe(0);
      expect((await walkBlobs(storage)).bytes).toBe(before.bytes);
      const collected = await gc();
      expect(collected.code, collected.out).toBe(0);
      expect(collected.out).not.toContain("--delete-untagged");
      const after = await walkBlobs(storage);
      expect(after.digests.has(image.layers[0]!.digest)).toBe(false);
      expect(after.digests.has(image.manifestDigest)).toBe(false);
      await expect(fs.readFile(path.join(a.dataDir, "registry", "config.yml"), "utf8")).resolves.toMatch(
        /readonly:\s+enabled: false/,
      );
    },
  );
});
