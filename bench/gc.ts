/**
 * Garbage-collection benchmark: what clients see while the console collects its registry's
 * garbage. A pull loop (4 clients: token, GET /v2/, HEAD and GET of the manifest, every blob, as
 * docker pulls) and a push loop (a blob upload started every 50 ms, the first request of every
 * push, cancelled when accepted) run through the front door for the whole run; the run is started
 * over /api/v1 once IMAGES images have been pushed and half their tags deleted.
 *
 *   npm run bench:gc        (IMAGES=20 LAYER_KB=500 RUNS=3)
 *
 * Reported per run: the run's duration and read-only window (the console's figures), the push
 * pause as the push loop saw it (first 503 to the first upload accepted after), pull requests
 * served and failed during the run, and the bytes freed against the index's prediction.
 */
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { walkBlobs } from "../lib/runtime/blob-usage";
import { probePush, registryToken, startPullLoop, type PushProbe } from "../tests/helpers/gc-load";
import { buildImage, pushImage, type BuiltImage } from "../tests/helpers/oci-image";
import { startBenchConsole } from "./lib/bench-console";
import { table, writeSection } from "./lib/results";

const IMAGES = Number(process.env.IMAGES ?? 20);
const LAYER_KB = Number(process.env.LAYER_KB ?? 500);
const RUNS = Number(process.env.RUNS ?? 3);

const bench = await startBenchConsole();
const sql = new pg.Pool({ connectionString: bench.db.url, max: 2 });
try {
  const { instance } = bench;
  const op = instance.admin.username;
  const creds = { username: op, password: instance.admin.password };
  const { rows } = await sql.query<{ id: string }>("select id from users where username = $1", [op]);
  const { createPersonalAccessToken } = await import("@/lib/services/personal-access-token/create");
  const { secret: apiToken } = await createPersonalAccessToken(rows[0]!.id, {
    description: "bench",
    scope: "read_write_delete",
    expiry: "30",
  });
  const api = (method: string, p: string) =>
    fetch(`${instance.url}/api/v1${p}`, { method, headers: { authorization: `Bearer ${apiToken}` } });
  const push = (image: BuiltImage, repository: string, tag: string) =>
    pushImage(image, { registry: instance.registryHost, repository, tag, ...creds });
  // Random hex compresses to about half: LAYER_KB of layer each.
  const image = () =>
    buildImage({ layers: [{ files: { "l.bin": crypto.randomBytes(LAYER_KB * 1000).toString("hex") } }] });

  const kept = await image();
  await push(kept, `${op}/keep`, "v1");
  const results: Array<Array<string | number>> = [];
  for (let run = 1; run <= RUNS; run++) {
    // Garbage: IMAGES images pushed, half their tags deleted.
    for (let i = 0; i < IMAGES; i++) await push(await image(), `${op}/junk`, `r${run}-${i}`);
    for (let i = 0; i < IMAGES; i += 2) {
      const res = await api("DELETE", `/repositories/${op}/junk/tags/r${run}-${i}`);
      if (res.status !== 204) throw new Error(`delete tag: ${res.status} ${await res.text()}`);
    }
    let site: { calculating: boolean; reclaimable_bytes: number };
    for (;;) {
      site = (await (await api("GET", "/storage")).json()) as typeof site;
      if (!site.calculating) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const before = await walkBlobs(path.join(instance.dataDir, "registry", "storage"));

    const pulls = startPullLoop(
      {
        consoleUrl: instance.url,
        repository: `${op}/keep`,
        tag: "v1",
        blobs: [kept.configDigest, ...kept.layers.map((l) => l.digest)],
        token: () => registryToken(instance.url, `repository:${op}/keep:pull`, creds),
      },
      4,
    );
    const pushToken = await registryToken(instance.url, `repository:${op}/probe:pull,push`, creds);
    const probes: PushProbe[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        probes.push(await probePush(instance.url, `${op}/probe`, pushToken));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));
    const started = await api("POST", "/admin/garbage-collection");
    if (started.status !== 202) throw new Error(`start: ${started.status} ${await started.text()}`);
    const { id } = (await started.json()) as { id: string };
    let gc: {
      status: string;
      duration_seconds: number;
      read_only_seconds: number;
      bytes_freed: number;
      predicted_bytes: number;
      blobs_removed: number;
      log: string;
    };
    for (;;) {
      gc = (await (await api("GET", `/admin/garbage-collection/${id}`)).json()) as typeof gc;
      if (!["queued", "running"].includes(gc.status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1000));
    probing = false;
    await prober;
    const pulled = await pulls.stop();
    if (gc.status !== "succeeded") throw new Error(`run ${gc.status}:\n${gc.log}`);
    const after = await walkBlobs(path.join(instance.dataDir, "registry", "storage"));

    const first503 = probes.findIndex((p) => p.status === 503);
    const resumed = probes.findIndex((p, i) => i > first503 && p.status === 202);
    const pause = first503 >= 0 && resumed > 0 ? (probes[resumed]!.at - probes[first503]!.at) / 1000 : 0;
    const refused = probes.filter((p) => p.status === 503).length;
    const otherFailures = probes.filter((p) => p.status !== 503 && p.status !== 202).length;
    console.log(
      `run ${run}: ${gc.duration_seconds} s, read-only ${gc.read_only_seconds} s, push pause ${pause.toFixed(2)} s, pulls ${pulled.requests} requests / ${pulled.failures.length} failed`,
    );
    if (pulled.failures.length > 0) console.log(pulled.failures.slice(0, 10).join("\n"));
    results.push([
      run,
      gc.duration_seconds.toFixed(1),
      gc.read_only_seconds.toFixed(1),
      pause.toFixed(2),
      `${refused} (other failures ${otherFailures})`,
      pulled.rounds,
      pulled.requests,
      pulled.failures.length,
      gc.blobs_removed,
      `${(gc.bytes_freed / 1e6).toFixed(2)} MB`,
      gc.bytes_freed === site.reclaimable_bytes && before.bytes - after.bytes === gc.bytes_freed ? "yes" : "NO",
    ]);
  }
  writeSection(
    "gc",
    "Garbage collection without downtime",
    `${IMAGES} images of ${LAYER_KB} kB pushed per run and half their tags deleted; 4 pull clients and a push probe every 50 ms through the front door during each run (\`npm run bench:gc\`).\n\n${table(
      [
        "run",
        "GC run (s)",
        "read-only window (s)",
        "push pause seen by clients (s)",
        "pushes refused (503)",
        "pull rounds",
        "pull requests",
        "failed pulls",
        "blobs removed",
        "freed",
        "freed = predicted = disk",
      ],
      results,
    )}`,
  );
} finally {
  await sql.end();
  await bench.stop();
}
