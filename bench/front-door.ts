/**
 * Front-door benchmark: what serving the distribution API through the console's own address
 * (lib/front-door, the door) costs against asking the registry on loopback directly, in one run:
 *  - blob download of one 256 MB layer: throughput through the door (from the registry's storage)
 *    vs direct (median of rounds), and relayed by the door in the same rounds, for comparison;
 *  - blob upload of 256 MB (POST for a session, then PUT ?digest= streaming the body): the same;
 *  - manifest GET latency with 16 concurrent clients (keep-alive agents): p50/p95 through the door
 *    minus direct; then with 1 client, and the same for a small blob GET (which, unlike a manifest
 *    GET, is no pull for the door to count, and which the door answers from the registry's storage);
 *  - the web server's RSS growth while 8 clients download the 256 MB layer through the door at once.
 * Door and direct rounds alternate (door first in one round, direct first in the next), so drift
 * in the machine's speed falls on both alike.
 *
 *   npm run bench:front-door      (ROUNDS=7 BLOB_MB=256 CLIENTS=16 MANIFEST_REQUESTS=2000 PARALLEL=8)
 */
import crypto from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import http, { type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import pg from "pg";
import { startBenchConsole } from "./lib/bench-console";
import { table, writeSection } from "./lib/results";
import { fmt, median, percentile, ratio } from "./lib/stats";

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const BLOB_MB = Number(process.env.BLOB_MB ?? 256);
const CLIENTS = Number(process.env.CLIENTS ?? 16);
const MANIFEST_REQUESTS = Number(process.env.MANIFEST_REQUESTS ?? 2000); // per phase, 6 phases
const PARALLEL = Number(process.env.PARALLEL ?? 8);
const MB = 2 ** 20;
const SIZE = BLOB_MB * MB;
const CHUNK = 1 * MB; // what the client writes at a time when uploading
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
// The door answers a blob GET from the registry's storage unless it is unusual; a conditional one
// is, so with an ETag that never matches it is relayed (and answered whole): the relay's speed in
// the same run, for comparison.
const RELAYED = { "if-none-match": '"bench-relay"' };

type Via = { name: "door" | "direct"; base: string; agent: http.Agent };

const loadStart = os.loadavg()[0]!;
const bench = await startBenchConsole({ env: { TRUST_PROXY: "0" } });
const sql = new pg.Pool({ connectionString: bench.db.url, max: 1 });
try {
  const { instance } = bench;
  const repository = `${instance.admin.username}/door-bench`;
  const keepAlive = () => new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const door: Via = { name: "door", base: instance.url, agent: keepAlive() };
  const direct: Via = { name: "direct", base: instance.registryUrl, agent: keepAlive() };
  const webPid = webServerPid(instance.child.pid!);
  const registryPid = childPid(instance.child.pid!, /docker-registry/);
  // The first push-scoped token creates the repository (as a first docker push would).
  let token = await registryToken(instance.url, instance.admin, repository);
  let tokenAt = Date.now();
  // Tokens live 5 minutes (TOKEN_TTL_SECONDS); each phase asks for a new one once it is 2 minutes old.
  const fresh = async () => {
    if (Date.now() - tokenAt > 120_000) {
      token = await registryToken(instance.url, instance.admin, repository);
      tokenAt = Date.now();
    }
    return token;
  };

  // One random 256 MB layer, generated in 16 MB pieces into one buffer and hashed as it grows.
  const t0 = performance.now();
  const blob = Buffer.allocUnsafe(SIZE);
  const hash = crypto.createHash("sha256");
  for (let off = 0; off < SIZE; off += 16 * MB) {
    crypto.randomFillSync(blob, off, Math.min(16 * MB, SIZE - off));
    hash.update(blob.subarray(off, Math.min(off + 16 * MB, SIZE)));
  }
  const digest = `sha256:${hash.digest("hex")}`;
  // Pushed once straight to the registry (so the downloads have it), with a config and a tagged
  // manifest (pushed through the door) for the manifest GETs.
  await upload(direct, token, blob, digest);
  const config = Buffer.from(JSON.stringify({ architecture: "amd64", os: "linux", rootfs: { type: "layers" } }));
  const configDigest = (await upload(direct, token, config, sha256(config))).digest;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: configDigest, size: config.length },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", digest, size: SIZE }],
    }),
  );
  const put = await request(
    door,
    "PUT",
    `/v2/${repository}/manifests/latest`,
    {
      authorization: `Bearer ${token}`,
      "content-type": OCI_MANIFEST,
      "content-length": manifest.length,
    },
    manifest,
  );
  await consume(put);
  if (put.statusCode !== 201) throw new Error(`manifest PUT: ${put.statusCode}`);
  console.log(`set up in ${fmt((performance.now() - t0) / 1000)} s (layer ${digest.slice(0, 19)}…)`);

  // Warm-up, one of each per path (connections, JIT, page cache); each download is checked by sha256.
  for (const via of [door, direct]) {
    const got = await download(via, await fresh(), digest, true);
    if (got.sha256 !== digest) throw new Error(`${via.name}: downloaded ${got.sha256}, expected ${digest}`);
    await upload(via, token, blob, digest);
  }
  console.log("downloads through the door and direct: sha256 checked");

  // 1 and 2: throughput, rounds alternating which path goes first.
  const dl: Record<Via["name"] | "relay", number[]> = { door: [], direct: [], relay: [] };
  const ul: Record<Via["name"], number[]> = { door: [], direct: [] };
  const cpu = { download: emptyCpu(), upload: emptyCpu(), relay: { console: 0, registry: 0, bench: 0 } };
  const pids = { console: webPid, registry: registryPid, bench: process.pid };
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? [door, direct] : [direct, door];
    // door, relay, direct, or the other way round.
    for (const via of [order[0]!, "relay" as const, order[1]!]) {
      const stop = cpuOf(pids);
      const got = await download(via === "relay" ? door : via, await fresh(), digest, false, via === "relay");
      addCpu(via === "relay" ? cpu.relay : cpu.download[via.name], stop());
      dl[via === "relay" ? via : via.name].push(got.mbps);
    }
    for (const via of order) {
      const stop = cpuOf(pids);
      ul[via.name].push((await upload(via, await fresh(), blob, digest)).mbps);
      addCpu(cpu.upload[via.name], stop());
    }
    console.log(
      `round ${r + 1}/${ROUNDS}: download door ${fmt(dl.door.at(-1)!, 0)} / relayed ${fmt(dl.relay.at(-1)!, 0)} / direct ${fmt(dl.direct.at(-1)!, 0)} MB/s; upload door ${fmt(ul.door.at(-1)!, 0)} / direct ${fmt(ul.direct.at(-1)!, 0)} MB/s`,
    );
  }

  // 4: the web server's RSS while PARALLEL clients download the layer through the door at once.
  await new Promise((r) => setTimeout(r, 1000));
  const rssBefore = rssMb(webPid);
  let rssMax = rssBefore;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(webPid))), 20);
  const many = new http.Agent({ keepAlive: true, maxSockets: PARALLEL });
  const tp = performance.now();
  const parallelToken = await fresh();
  const parallel = await Promise.all(
    Array.from({ length: PARALLEL }, () => download({ ...door, agent: many }, parallelToken, digest)),
  );
  const parallelSeconds = (performance.now() - tp) / 1000;
  clearInterval(sampler);
  rssMax = Math.max(rssMax, rssMb(webPid));
  many.destroy();
  await new Promise((r) => setTimeout(r, 1000));
  const rssAfter = rssMb(webPid);
  if (parallel.some((p) => p.bytes !== SIZE)) throw new Error("a parallel download came short");
  console.log(
    `${PARALLEL} parallel downloads: RSS ${fmt(rssBefore, 0)} → max ${fmt(rssMax, 0)} MB (after ${fmt(rssAfter, 0)})`,
  );

  // 3: manifest GET latency, CLIENTS at once (the target), then 1 client (no queueing: what the
  // door itself adds), phases alternating. Every manifest GET through the door is a pull it counts
  // (the answer waits for the pull's commit); direct ones count nothing, since the registry sends
  // no pull events. Each phase starts once the roll-up has added the earlier phases' pulls to the
  // counters, so no phase runs behind another's backlog.
  let counted = 0; // manifest GETs through the door so far
  const drained: number[] = [];
  for (const via of [door, direct]) await manifestPhase(via, await fresh(), 500, CLIENTS);
  counted += 500;
  const busy = await latencyRun(CLIENTS, MANIFEST_REQUESTS, [door, direct, direct, door, door, direct]);
  const single = await latencyRun(1, Math.round(MANIFEST_REQUESTS / 4), [direct, door, door, direct]);
  // The same with a request that is no pull (a small blob), which the door answers from the
  // registry's storage without asking the registry.
  for (const via of [door, direct]) await manifestPhase(via, await fresh(), 500, CLIENTS, "config");
  const blobBusy = await latencyRun(CLIENTS, MANIFEST_REQUESTS, [door, direct, direct, door], "config");
  const blobSingle = await latencyRun(1, Math.round(MANIFEST_REQUESTS / 4), [direct, door, door, direct], "config");
  const loadEnd = os.loadavg()[0]!;

  // The figures.
  const dlDoor = median(dl.door);
  const dlDirect = median(dl.direct);
  const dlRelay = median(dl.relay);
  const ulDoor = median(ul.door);
  const ulDirect = median(ul.direct);
  const p = (via: Via["name"], q: number, run = busy) => percentile(run.lat[via], q);
  const p50Added = p("door", 0.5) - p("direct", 0.5);
  const p95Added = p("door", 0.95) - p("direct", 0.95);
  const perRequest = (run: typeof busy, via: Via["name"], k: keyof Cpu) =>
    fmt((1000 * run.cpu[via][k]) / run.lat[via].length, 2);
  const growth = rssMax - rssBefore;
  const met = (ok: boolean) => (ok ? "met" : "missed");
  // The door can be faster than the registry (blobs from storage): "−3.80", not "+-3.80".
  const signed = (v: number, digits = 2) => `${v < 0 ? "−" : "+"}${fmt(Math.abs(v), digits)}`;
  const gb = (ROUNDS * SIZE) / 2 ** 30;
  const perGb = (c: Cpu) =>
    `console ${fmt(c.console / gb, 2)} s, registry ${fmt(c.registry / gb, 2)} s, client ${fmt(c.bench / gb, 2)} s`;
  const rows = [
    [
      `blob download, ${BLOB_MB} MB (${ROUNDS} rounds, median)`,
      `${fmt(dlDoor, 0)} MB/s`,
      `${fmt(dlDirect, 0)} MB/s`,
      `**${fmt(100 * ratio(dlDoor, dlDirect), 1)} %** of direct`,
      "≥ 90 % of direct",
      `**${met(dlDoor >= 0.9 * dlDirect)}**`,
    ],
    [
      `blob download, ${BLOB_MB} MB, relayed by the door instead (same rounds, median)`,
      `${fmt(dlRelay, 0)} MB/s`,
      `${fmt(dlDirect, 0)} MB/s`,
      `${fmt(100 * ratio(dlRelay, dlDirect), 1)} % of direct`,
      "–",
      "–",
    ],
    [
      `blob upload, ${BLOB_MB} MB: POST, then PUT ?digest= with the body (${ROUNDS} rounds, median)`,
      `${fmt(ulDoor, 0)} MB/s`,
      `${fmt(ulDirect, 0)} MB/s`,
      `**${fmt(100 * ratio(ulDoor, ulDirect), 1)} %** of direct`,
      "≥ 90 % of direct",
      `**${met(ulDoor >= 0.9 * ulDirect)}**`,
    ],
    [
      `manifest GET p50, ${CLIENTS} concurrent clients (${busy.lat.door.length} requests each way)`,
      `${fmt(p("door", 0.5), 2)} ms`,
      `${fmt(p("direct", 0.5), 2)} ms`,
      `**${signed(p50Added)} ms**`,
      "< 1 ms added",
      `**${met(p50Added < 1)}**`,
    ],
    [
      `manifest GET p95, ${CLIENTS} concurrent clients`,
      `${fmt(p("door", 0.95), 2)} ms`,
      `${fmt(p("direct", 0.95), 2)} ms`,
      `${signed(p95Added)} ms`,
      "–",
      "–",
    ],
    [
      `manifest GET p50 / p95, 1 client (${single.lat.door.length} requests each way)`,
      `${fmt(p("door", 0.5, single), 2)} / ${fmt(p("door", 0.95, single), 2)} ms`,
      `${fmt(p("direct", 0.5, single), 2)} / ${fmt(p("direct", 0.95, single), 2)} ms`,
      `${signed(p("door", 0.5, single) - p("direct", 0.5, single))} / ${signed(p("door", 0.95, single) - p("direct", 0.95, single))} ms`,
      "–",
      "–",
    ],
    ...[blobBusy, blobSingle].map((run) => {
      const clients = run === blobBusy ? `${CLIENTS} concurrent clients` : "1 client";
      return [
        `small blob GET (no pull to count; from storage) p50 / p95, ${clients} (${run.lat.door.length} requests each way)`,
        `${fmt(p("door", 0.5, run), 2)} / ${fmt(p("door", 0.95, run), 2)} ms`,
        `${fmt(p("direct", 0.5, run), 2)} / ${fmt(p("direct", 0.95, run), 2)} ms`,
        `${signed(p("door", 0.5, run) - p("direct", 0.5, run))} / ${signed(p("door", 0.95, run) - p("direct", 0.95, run))} ms`,
        "–",
        "–",
      ];
    }),
    [
      `console (web server) RSS, ${PARALLEL} parallel ${BLOB_MB} MB downloads through the door`,
      `${fmt(rssBefore, 0)} → max ${fmt(rssMax, 0)} MB`,
      "–",
      `**${signed(growth, 1)} MB**`,
      "< 100 MB growth",
      `**${met(growth < 100)}**`,
    ],
  ];
  writeSection(
    "front-door",
    "Front door: the distribution API through the console vs the registry directly",
    `${table(["what", "through the door", "registry directly", "door vs direct", "target", ""], rows)}

- Door: \`http://<console>/v2/…\` (scripts/web-server.ts → lib/front-door), which answers blob GETs of a client whose token grants pull from the registry's storage itself (lib/front-door/blob-from-storage.ts) and streams every other request to the registry on loopback; direct: the same requests to that registry (\`REGISTRY_URL\`, loopback). Same console, same registry, same ${BLOB_MB} MB random layer (MB = 2^20 bytes), same registry tokens (\`/api/registry/token\`, Basic auth of the operator, scope \`repository:${repository}:pull,push\`); pull rate limits off (the default).
- Downloads: \`GET /v2/<name>/blobs/<digest>\`, the body streamed and counted by the client; one download per path before the rounds was checked against the layer's sha256. ${ROUNDS} rounds of one door, one relayed and one direct download (door, relayed, direct in odd rounds, the other way round in even ones); door ${dl.door.map((v) => fmt(v, 0)).join(", ")} MB/s; relayed ${dl.relay.map((v) => fmt(v, 0)).join(", ")} MB/s; direct ${dl.direct.map((v) => fmt(v, 0)).join(", ")} MB/s. Relayed: the same GET through the door with an \`If-None-Match\` that never matches, which the door leaves to the registry, so it streams the registry's whole answer (what every download cost before the door served blobs from storage).
- Uploads: \`POST /v2/<name>/blobs/uploads/\` (202, a session), then \`PUT <Location>&digest=…\` with the ${BLOB_MB} MB body written 1 MB at a time with backpressure, timed until the registry's 201 (whose \`Docker-Content-Digest\` was checked); the registry hashes and writes the layer to disk before it answers. Door ${ul.door.map((v) => fmt(v, 0)).join(", ")} MB/s; direct ${ul.direct.map((v) => fmt(v, 0)).join(", ")} MB/s.
- CPU per GB moved (all rounds): downloads through the door: ${perGb(cpu.download.door)}; relayed: ${perGb(cpu.relay)}; direct: ${perGb(cpu.download.direct)}. Uploads through the door: ${perGb(cpu.upload.door)}; direct: ${perGb(cpu.upload.direct)}.
- Manifest GETs: \`GET /v2/<name>/manifests/latest\` (OCI manifest, ${manifest.length} bytes), each client on a keep-alive \`http.Agent\` per path; ${CLIENTS} clients at once in 6 phases of ${MANIFEST_REQUESTS} requests alternating door, direct, direct, door, door, direct (after 500 warm-up requests each way), then 1 client in 4 phases of ${Math.round(MANIFEST_REQUESTS / 4)} (direct, door, door, direct); every answer was checked to be 200 with the whole manifest. Throughput with ${CLIENTS} clients: door ${busy.rate.door.map((v) => fmt(v, 0)).join(", ")}/s, direct ${busy.rate.direct.map((v) => fmt(v, 0)).join(", ")}/s; with 1: door ${single.rate.door.map((v) => fmt(v, 0)).join(", ")}/s, direct ${single.rate.direct.map((v) => fmt(v, 0)).join(", ")}/s.
- Every manifest GET through the door is a pull the door counts: its answer waits until the pull is committed to PostgreSQL (one grouped insert per round trip, lib/front-door/pull-counter.ts); direct GETs count nothing (the registry sends no pull events). A phase starts once the roll-up has added every earlier pull to the counters (waits ${drained.map((v) => fmt(v, 1)).join(", ")} s), and its CPU figures run until its own pulls are added. CPU per manifest GET with ${CLIENTS} clients, through the door: console ${perRequest(busy, "door", "console")} ms, registry ${perRequest(busy, "door", "registry")} ms, client ${perRequest(busy, "door", "bench")} ms; direct: console ${perRequest(busy, "direct", "console")} ms, registry ${perRequest(busy, "direct", "registry")} ms, client ${perRequest(busy, "direct", "bench")} ms.
- Small blob GETs: \`GET /v2/<name>/blobs/<config digest>\` (${config.length} bytes), which are no pull, in the same shape (${CLIENTS} clients: 4 phases of ${MANIFEST_REQUESTS} alternating door, direct, direct, door; 1 client: 4 phases of ${Math.round(MANIFEST_REQUESTS / 4)}); the door answers them from the registry's storage. CPU per GET with ${CLIENTS} clients, through the door: console ${perRequest(blobBusy, "door", "console")} ms, registry ${perRequest(blobBusy, "door", "registry")} ms; direct: console ${perRequest(blobBusy, "direct", "console")} ms, registry ${perRequest(blobBusy, "direct", "registry")} ms.
- RSS: \`VmRSS\` of the web-server process (scripts/web-server.ts, the child of scripts/console.ts that serves the door) read from \`/proc\` every 20 ms while ${PARALLEL} clients download the layer through the door at once (${fmt((PARALLEL * SIZE) / MB / parallelSeconds, 0)} MB/s in all, ${fmt(parallelSeconds, 1)} s), against the reading just before; ${fmt(rssAfter, 0)} MB a second after.
- Client: this bench process (Node's \`http\`), on the same ${os.cpus().length} cores as the console, the registry and PostgreSQL; door and direct answer the same client, so its cost is in both. Load average (1 min) at the start ${fmt(loadStart, 1)}, at the end ${fmt(loadEnd, 1)}: anything else the machine runs falls on both paths alike, since their rounds alternate.`,
  );

  /**
   * Manifest GET phases alternating as given; each phase's CPU window runs until the console has
   * added its pulls to the counters, so the roll-up falls in the door's phase too.
   */
  async function latencyRun(clients: number, requests: number, order: Via[], what: Small = "manifest") {
    const lat: Record<Via["name"], number[]> = { door: [], direct: [] };
    const rate: Record<Via["name"], number[]> = { door: [], direct: [] };
    const cpu = emptyCpu();
    if (what === "manifest") drained.push(await waitForPulls(counted));
    for (const via of order) {
      const stop = cpuOf(pids);
      const got = await manifestPhase(via, await fresh(), requests, clients, what);
      if (what === "manifest") {
        if (via === door) counted += requests;
        drained.push(await waitForPulls(counted));
      }
      addCpu(cpu[via.name], stop());
      lat[via.name].push(...got.latencies);
      rate[via.name].push(got.rps);
      console.log(
        `${what} GETs ${via.name}, ${clients} client(s): p50 ${fmt(percentile(got.latencies, 0.5), 2)} ms, p95 ${fmt(percentile(got.latencies, 0.95), 2)} ms, ${fmt(got.rps, 0)}/s`,
      );
    }
    return { lat, rate, cpu };
  }

  async function waitForPulls(expected: number): Promise<number> {
    const start = performance.now();
    for (;;) {
      const { rows } = await sql.query<{ n: string }>("select coalesce(sum(pull_count), 0) as n from repositories");
      if (Number(rows[0]!.n) >= expected) return (performance.now() - start) / 1000;
      if (performance.now() - start > 120_000)
        throw new Error(`the console counted ${rows[0]!.n} of ${expected} pulls after 120 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** `requests` GETs of the tagged manifest (a pull) or of the image's config blob (not one), `clients` at a time. */
  async function manifestPhase(via: Via, tok: string, requests: number, clients: number, what: Small = "manifest") {
    const target =
      what === "manifest" ? `/v2/${repository}/manifests/latest` : `/v2/${repository}/blobs/${configDigest}`;
    const bytes = what === "manifest" ? manifest.length : config.length;
    const latencies: number[] = [];
    let left = requests;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (left-- > 0) {
          const t = performance.now();
          const res = await request(via, "GET", target, { authorization: `Bearer ${tok}`, accept: OCI_MANIFEST });
          const got = await consume(res);
          latencies.push(performance.now() - t);
          if (res.statusCode !== 200 || got.bytes !== bytes)
            throw new Error(`${via.name} ${what} GET: ${res.statusCode}`);
        }
      }),
    );
    return { latencies, rps: requests / ((performance.now() - start) / 1000) };
  }

  /** GET the layer, streamed and counted (and hashed, when asked). */
  async function download(via: Via, tok: string, blobDigest: string, verify = false, relayed = false) {
    const t = performance.now();
    const res = await request(via, "GET", `/v2/${repository}/blobs/${blobDigest}`, {
      authorization: `Bearer ${tok}`,
      ...(relayed ? RELAYED : {}),
    });
    if (res.statusCode !== 200) throw new Error(`${via.name} blob GET: ${res.statusCode}`);
    const got = await consume(res, verify);
    const seconds = (performance.now() - t) / 1000;
    if (got.bytes !== SIZE) throw new Error(`${via.name} blob GET: ${got.bytes} of ${SIZE} bytes`);
    return { ...got, mbps: got.bytes / MB / seconds };
  }

  /** POST for a session, then PUT ?digest= streaming the body, timed until the registry's 201. */
  async function upload(via: Via, tok: string, body: Buffer, bodyDigest: string) {
    const auth = { authorization: `Bearer ${tok}` };
    const t = performance.now();
    const post = await request(via, "POST", `/v2/${repository}/blobs/uploads/`, auth);
    await consume(post);
    if (post.statusCode !== 202 || !post.headers.location)
      throw new Error(`${via.name} upload POST: ${post.statusCode}`);
    const target = new URL(post.headers.location, via.base);
    target.searchParams.set("digest", bodyDigest);
    const headers = { ...auth, "content-type": "application/octet-stream", "content-length": body.length };
    const res = await request(via, "PUT", target.href, headers, body);
    await consume(res);
    const seconds = (performance.now() - t) / 1000;
    if (res.statusCode !== 201 || res.headers["docker-content-digest"] !== bodyDigest)
      throw new Error(`${via.name} upload PUT: ${res.statusCode} ${String(res.headers["docker-content-digest"])}`);
    return { digest: bodyDigest, mbps: body.length / MB / seconds };
  }
} finally {
  await sql.end();
  await bench.stop();
}

/** A request on the path's keep-alive agent; the body, if any, is written 1 MB at a time with backpressure. */
function request(via: Via, method: string, target: string, headers: OutgoingHttpHeaders, body?: Buffer) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = http.request(new URL(target, via.base), { method, headers, agent: via.agent });
    req.once("response", resolve).once("error", reject);
    if (!body) return void req.end();
    void (async () => {
      for (let off = 0; off < body.length; off += CHUNK) {
        if (!req.write(body.subarray(off, off + CHUNK))) await once(req, "drain");
      }
      req.end();
    })().catch(reject);
  });
}

/** Reads a response to its end, counting (and hashing, when asked) what arrives. */
function consume(res: IncomingMessage, verify = false): Promise<{ bytes: number; sha256?: string }> {
  const hash = verify ? crypto.createHash("sha256") : undefined;
  let bytes = 0;
  return new Promise((resolve, reject) => {
    res.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      hash?.update(chunk);
    });
    res.once("end", () => resolve({ bytes, sha256: hash && `sha256:${hash.digest("hex")}` }));
    res.once("error", reject);
    res.once("aborted", () => reject(new Error("response aborted")));
  });
}

async function registryToken(consoleUrl: string, who: { username: string; password: string }, repository: string) {
  const basic = Buffer.from(`${who.username}:${who.password}`).toString("base64");
  const res = await fetch(
    `${consoleUrl}/api/registry/token?service=registry-console&scope=repository:${repository}:pull,push`,
    { headers: { authorization: `Basic ${basic}` } },
  );
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

function sha256(b: Buffer): string {
  return `sha256:${crypto.createHash("sha256").update(b).digest("hex")}`;
}

/** Processes whose parent is `ppid` (Linux /proc). */
function children(ppid: number): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  for (const d of fs.readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) !== ppid) continue;
      out.push({ pid: Number(d), cmd: fs.readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ") });
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

function childPid(ppid: number, cmd: RegExp): number {
  const found = children(ppid).find((c) => cmd.test(c.cmd));
  if (!found) throw new Error(`no child of ${ppid} matching ${cmd}`);
  return found.pid;
}

/** The web server (scripts/web-server.ts) that scripts/console.ts spawned: the process serving the door. */
function webServerPid(consolePid: number): number {
  return childPid(consolePid, /scripts\/web-server\.ts/);
}

function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}

type Small = "manifest" | "config";

type Cpu = { console: number; registry: number; bench: number };
function emptyCpu(): Record<Via["name"], Cpu> {
  return { door: { console: 0, registry: 0, bench: 0 }, direct: { console: 0, registry: 0, bench: 0 } };
}

function addCpu(into: Cpu, add: Cpu): void {
  for (const k of Object.keys(into) as Array<keyof Cpu>) into[k] += add[k];
}

/** CPU seconds (user + system) of the given processes from now until the returned function is called. */
function cpuOf(pids: Record<keyof Cpu, number>): () => Cpu {
  const ticks = (pid: number) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  };
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, ticks(pid)]));
  return () => Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, (ticks(pid) - before[k]!) / 100])) as Cpu;
}
