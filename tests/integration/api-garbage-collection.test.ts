import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { walkBlobs } from "@/lib/runtime/blob-usage";
import { startConsoleInstance, type ConsoleInstance } from "@/tests/harness/console-instance";
import { createTestDatabase, type TestDatabase } from "@/tests/harness/test-database";
import { openApiClient } from "@/tests/helpers/api";
import { probePush, registryToken, startPullLoop, type PushProbe } from "@/tests/helpers/gc-load";
import { buildImage, pullImage, pushImage, type BuiltImage } from "@/tests/helpers/oci-image";

/**
 * Garbage collection of the console's own registry, on a console of its own (a fresh database,
 * so no other test's console claims the run, and a registry whose garbage is only this test's):
 * real pushes with skopeo, a pull loop through the front door for the whole run, push attempts
 * during it, the run started and read over /api/v1. Then the console killed mid-run.
 */
let database: TestDatabase;
let instance: ConsoleInstance;
let db: pg.Client;
let api: Awaited<ReturnType<typeof openApiClient>>;
let operatorToken: string;
let userToken: string;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  database = await createTestDatabase("rcp_gc");
  cleanups.push(() => database.drop());
  instance = await startConsoleInstance({ databaseUrl: database.url });
  cleanups.push(() => instance.stop());
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  cleanups.push(() => db.end());
  // The services below (tokens, users) write to this console's database, not the shared one.
  process.env.DATABASE_URL = database.url;
  const { createPersonalAccessToken } = await import("@/lib/services/personal-access-token/create");
  const { createUser } = await import("@/lib/services/user/create");
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [
    instance.admin.username,
  ]);
  operatorToken = (
    await createPersonalAccessToken(rows[0]!.id, { description: "gc", scope: "read_write_delete", expiry: "30" })
  ).secret;
  const user = await createUser({ username: "plainuser", email: "plain@example.test", password: "pw-plainuser-x" });
  userToken = (
    await createPersonalAccessToken(user.id, { description: "gc", scope: "read_write_delete", expiry: "30" })
  ).secret;
  api = await openApiClient(instance.url);
}, 180_000);

afterAll(async () => {
  for (const f of cleanups.reverse()) await f().catch(() => undefined);
});

const storageDir = () => path.join(instance.dataDir, "registry", "storage");
const creds = () => ({ username: instance.admin.username, password: instance.admin.password });

async function waitFor<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const layer = (name: string, size = 200_000) => ({ files: { [name]: `${name}:`.padEnd(size, name[0]) } });
const push = (image: BuiltImage, repository: string, tag: string) =>
  pushImage(image, { registry: instance.registryHost, repository, tag, ...creds() });
const finished = (s: string) => ["succeeded", "failed", "interrupted"].includes(s);

describe("registry garbage collection without downtime", () => {
  it("only operators may start or read runs; the list starts empty", async () => {
    expect((await api.call("listGarbageCollections", userToken)).status).toBe(403);
    const started = await api.call("startGarbageCollection", userToken);
    expect(started.status).toBe(403);
    expect(started.body.error.code).toBe("FORBIDDEN");
    const list = await api.call("listGarbageCollections", operatorToken, { query: { page: 1 } });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ count: 0, results: [] });
  });

  it(
    "frees exactly the bytes no tag reaches, with zero failed pulls, pushes told to retry meanwhile, and pushes working after",
    { timeout: 300_000 },
    async () => {
      const op = instance.admin.username;
      // A shared layer: the kept image and a deleted one both use it, so it must stay.
      const shared = layer("shared");
      const kept = await buildImage({ layers: [shared, layer("kept")] });
      const gone1 = await buildImage({ layers: [shared, layer("gone-one")] });
      const gone2 = await buildImage({ layers: [layer("gone-two"), layer("gone-three")] });
      await push(kept, `${op}/keep`, "v1");
      await push(gone1, `${op}/junk`, "a");
      await push(gone2, `${op}/junk`, "b");
      for (const tag of ["a", "b"])
        expect(
          (await api.call("deleteTag", operatorToken, { params: { namespace: op, name: "junk", tag } })).status,
        ).toBe(204);

      // The prediction, before GC: the index's reclaimable figure, and the same from the images.
      const site = await waitFor(
        "final storage figures",
        async () => (await api.call("getSiteStorage", operatorToken)).body,
        (b) => !b.calculating && b.reclaimable_bytes > 0,
      );
      const keptBlobs = new Set([kept.manifestDigest, kept.configDigest, ...kept.layers.map((l) => l.digest)]);
      // Sizes as the disk has them.
      const before = await walkBlobs(storageDir());
      const predictedFromImages = [gone1, gone2]
        .flatMap((img) => [img.manifestDigest, img.configDigest, ...img.layers.map((l) => l.digest)])
        .filter((d, i, all) => !keptBlobs.has(d) && all.indexOf(d) === i);
      let predictedDisk = 0;
      for (const d of predictedFromImages) {
        expect(before.digests.has(d)).toBe(true);
        const [alg, hex] = d.split(":") as [string, string];
        predictedDisk += (
          await fs.stat(path.join(storageDir(), "docker/registry/v2/blobs", alg, hex.slice(0, 2), hex, "data"))
        ).size;
      }
      expect(site.reclaimable_bytes).toBe(predictedDisk);

      // Clients for the whole run: a pull loop of the kept image, and push attempts.
      const pullToken = () => registryToken(instance.url, `repository:${op}/keep:pull`, creds());
      const pulls = startPullLoop({
        consoleUrl: instance.url,
        repository: `${op}/keep`,
        tag: "v1",
        blobs: [kept.configDigest, ...kept.layers.map((l) => l.digest)],
        token: pullToken,
      });
      const pushToken = await registryToken(instance.url, `repository:${op}/probe:pull,push`, creds());
      const probes: PushProbe[] = [];
      let probing = true;
      const prober = (async () => {
        while (probing) {
          probes.push(await probePush(instance.url, `${op}/probe`, pushToken));
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      await new Promise((r) => setTimeout(r, 1000));

      const started = await api.call("startGarbageCollection", operatorToken);
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ status: "queued", trigger: "manual", requested_by: op });
      // One at a time: a second start while this one is queued or running is refused.
      const again = await api.call("startGarbageCollection", operatorToken);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("GC_ALREADY_RUNNING");

      const run = await waitFor(
        "the run to finish",
        async () => (await api.call("getGarbageCollection", operatorToken, { params: { id: started.body.id } })).body,
        (b) => finished(b.status),
        180_000,
      );
      await new Promise((r) => setTimeout(r, 1000));
      probing = false;
      await prober;
      const pulled = await pulls.stop();

      expect(run.status, run.log).toBe("succeeded");
      expect(run.log).toContain("garbage-collect");
      expect(run.predicted_bytes).toBe(predictedDisk);
      expect(run.bytes_freed).toBe(predictedDisk);
      expect(run.blobs_removed).toBe(predictedFromImages.length);
      expect(run.read_only_seconds).toBeGreaterThan(0);
      const after = await walkBlobs(storageDir());
      expect(before.bytes - after.bytes).toBe(predictedDisk);
      for (const d of keptBlobs) expect(after.digests.has(d)).toBe(true);
      for (const d of predictedFromImages) expect(after.digests.has(d)).toBe(false);

      // Zero failed pulls, through two registry restarts.
      expect(pulled.failures).toEqual([]);
      expect(pulled.rounds).toBeGreaterThan(5);
      // Pushes during the window: 503, Retry-After, the registry's error body with the GC message.
      const refused = probes.filter((p) => p.status === 503);
      expect(refused.length, JSON.stringify(probes.map((p) => p.status))).toBeGreaterThan(0);
      expect(refused[0]!.retryAfter).toBe("30");
      const body = JSON.parse(refused[0]!.body) as { errors: Array<{ code: string; message: string }> };
      expect(body.errors[0]!.code).toBe("UNAVAILABLE");
      expect(body.errors[0]!.message).toMatch(/garbage collection/);
      // Before and after the window, uploads were accepted.
      expect(probes[0]!.status).toBe(202);
      expect(probes.at(-1)!.status).toBe(202);
      expect(probes.every((p) => p.status === 202 || p.status === 503)).toBe(true);

      // The index no longer counts what the sweep deleted as reclaimable.
      const siteAfter = (await api.call("getSiteStorage", operatorToken)).body;
      expect(siteAfter.reclaimable_bytes).toBe(0);
      expect(siteAfter.described_bytes).toBe(site.described_bytes - predictedDisk);

      // The kept image pulls whole; a new push works.
      const pulledImage = await pullImage({
        registry: instance.registryHost,
        repository: `${op}/keep`,
        tag: "v1",
        ...creds(),
      });
      expect(pulledImage.digest).toBe(kept.manifestDigest);
      const fresh = await buildImage({ layers: [layer("after-gc")] });
      await push(fresh, `${op}/keep`, "v2");
      // The deleted image's blob is gone for real: pushing it again uploads it again and works.
      await push(gone2, `${op}/junk`, "b");

      const list = await api.call("listGarbageCollections", operatorToken, { query: { page: 1, page_size: 10 } });
      expect(list.body.count).toBe(1);
      expect(list.body.results[0]).toMatchObject({ id: run.id, status: "succeeded", bytes_freed: predictedDisk });
      const config = await fs.readFile(path.join(instance.dataDir, "registry", "config.yml"), "utf8");
      expect(config).toMatch(/readonly:\s+enabled: false/);
    },
  );

  it("the schedule queues its slot's run once, which runs like a manual one", { timeout: 120_000 }, async () => {
    // Daily at this very hour, saved long ago: this hour's slot is due now (within its grace hour).
    const hour = new Date().getUTCHours();
    const value = { kind: "daily", hour, since: "2000-01-01T00:00:00.000Z" };
    await db.query(
      `insert into site_settings (key, value) values ('registry.gc_schedule', $1::jsonb)
       on conflict (key) do update set value = excluded.value`,
      [JSON.stringify(value)],
    );
    try {
      const runs = await waitFor(
        "the scheduled run",
        async () => (await api.call("listGarbageCollections", operatorToken, { query: { page: 1 } })).body,
        (b) =>
          b.results.some((r: { trigger: string; status: string }) => r.trigger === "schedule" && finished(r.status)),
        60_000,
      );
      const scheduled = runs.results.filter((r: { trigger: string }) => r.trigger === "schedule");
      expect(scheduled).toHaveLength(1);
      expect(scheduled[0]).toMatchObject({ status: "succeeded", requested_by: null });
      // Polled every second by the runner, the slot is queued only once.
      await new Promise((r) => setTimeout(r, 2500));
      const { rows } = await db.query("select scheduled_for from registry_gc_runs where trigger = 'schedule'");
      expect(rows).toHaveLength(1);
    } finally {
      await db.query("delete from site_settings where key = 'registry.gc_schedule'");
    }
  });

  it(
    "a console on an external registry offers no trigger, says how, and the API answers GC_NOT_MANAGED",
    { timeout: 180_000 },
    async () => {
      // A second console on the same database, using the first one's registry as an external one.
      const external = await startConsoleInstance({
        databaseUrl: database.url,
        env: { REGISTRY_URL: instance.registryUrl, AUTH_SECRET: process.env.AUTH_SECRET! },
      });
      try {
        const externalApi = await openApiClient(external.url);
        const refused = await externalApi.call("startGarbageCollection", operatorToken);
        expect(refused.status).toBe(409);
        expect(refused.body.error.code).toBe("GC_NOT_MANAGED");
        expect(refused.body.error.message).toContain("docker-registry garbage-collect");
        // The runs are the database's: readable from any console.
        expect((await externalApi.call("listGarbageCollections", operatorToken)).status).toBe(200);
        const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [
          instance.admin.username,
        ]);
        const { sessionCookie } = await import("@/tests/helpers/session");
        const cookie = await sessionCookie(external.url, rows[0]!.id);
        const page = await fetch(`${external.url}/admin/storage/garbage-collection`, { headers: { cookie } });
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).toContain("external registry");
        expect(html).toContain("docker-registry garbage-collect");
        expect(html).not.toContain("Run garbage collection");
      } finally {
        await external.stop();
      }
    },
  );

  it(
    "a console killed during the read-only phase starts read-write; the run shows interrupted",
    { timeout: 300_000 },
    async () => {
      const op = instance.admin.username;
      const started = await api.call("startGarbageCollection", operatorToken);
      expect(started.status).toBe(202);
      // The read-only registry is up: the run is in its window.
      const consolePid = instance.child.pid!;
      const standby = await waitFor(
        "the read-only registry",
        async () => {
          try {
            return execFileSync("pgrep", ["-f", "config-read-only.yml"], { encoding: "utf8" }).trim();
          } catch {
            return "";
          }
        },
        (out) => out !== "",
        60_000,
      );
      const children = execFileSync("pgrep", ["-P", String(consolePid)], { encoding: "utf8" })
        .trim()
        .split("\n");
      process.kill(consolePid, "SIGKILL");
      for (const pid of [...children, ...standby.split("\n")]) {
        try {
          process.kill(Number(pid), "SIGKILL");
        } catch {
          // gone already
        }
      }
      const { rows: during } = await db.query<{ status: string; read_only_since: Date | null }>(
        "select status, read_only_since from registry_gc_runs where id = $1",
        [started.body.id],
      );
      expect(during[0]).toMatchObject({ status: "running" });
      expect(during[0]!.read_only_since).not.toBeNull();

      instance = await startConsoleInstance({
        databaseUrl: database.url,
        dataDir: instance.dataDir,
        adminPassword: instance.admin.password,
      });
      cleanups.push(() => instance.stop());
      const config = await fs.readFile(path.join(instance.dataDir, "registry", "config.yml"), "utf8");
      expect(config).toMatch(/readonly:\s+enabled: false/);
      api = await openApiClient(instance.url);
      const run = await waitFor(
        "the run to be marked interrupted",
        async () => (await api.call("getGarbageCollection", operatorToken, { params: { id: started.body.id } })).body,
        (b) => b.status !== "running",
        60_000,
      );
      expect(run.status).toBe("interrupted");
      expect(run.error).toMatch(/stopped during this run/);
      // The window is closed and the registry takes pushes.
      const image = await buildImage({ layers: [layer("after-crash")] });
      await push(image, `${op}/keep`, "v3");
      expect(
        (await pullImage({ registry: instance.registryHost, repository: `${op}/keep`, tag: "v1", ...creds() })).digest,
      ).toBeTruthy();
    },
  );
});
