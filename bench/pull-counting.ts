/**
 * Pull-counting benchmark: how many manifest GETs per second the console serves and counts exactly
 * at its front door, against the path it replaced (the registry notifying of each pull), in one run:
 *  1. door, end to end: CLIENTS keep-alive clients send N GETs of a tagged manifest through the door
 *     with a pull token; GETs/s and latency. After every door round the repository's pull count
 *     plus its queued pulls must equal the 200 answers so far (a GET is answered only once its pull
 *     is committed); once the roll-up has drained the queue, the tag's, the repository's and the
 *     days' counters must each equal N. The same GETs straight at the console's registry (which
 *     counts nothing) are the ceiling the door sits behind;
 *  2. the notification path: a second registry (same binary, same token certificate) that notifies
 *     of pulls, as the console's used to, pointed at a sink in this process that answers 200 at once;
 *     the same GETs straight at it, and how fast the pull events arrive. The console did more work
 *     per event than the sink, so this is the old path's ceiling;
 *  3. the counter alone: `createPullCounter().count()` (lib/front-door/pull-counter.ts) called from
 *     this process against the same database, COUNTER_PULLS pulls at each concurrency in
 *     COUNTER_CONCURRENCY, checked exactly the same way: the counting apart from the registry.
 * The three GET paths run in rounds whose order rotates, so load from elsewhere falls on all alike.
 *
 *   npm run bench:pulls     (N=20000 CLIENTS=64 ROUNDS=4 COUNTER_PULLS=100000 COUNTER_CONCURRENCY=64,512,4096)
 *
 * Run by bench/run.sh with `--conditions=react-server`, so the app's modules (and their
 * `server-only` imports) load here as they do in the console; bench-console.ts gives this process
 * the console's environment (DATABASE_URL, …), so the counter writes to the same database.
 */
import crypto from "node:crypto";
import http, { type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import pg from "pg";
import { startRegistry } from "@/lib/runtime/registry-process";
import { freePort } from "../tests/harness/free-port";
import { leanGets } from "./lib/lean-get";
import { startBenchConsole } from "./lib/bench-console";
import { cpuWindow } from "./lib/cpu";
import { table, writeSection } from "./lib/results";
import { fmt, percentile } from "./lib/stats";

const N = Number(process.env.N ?? 20_000);
const CLIENTS = Number(process.env.CLIENTS ?? 64);
const ROUNDS = Number(process.env.ROUNDS ?? 4); // per path; N is split over them
const WARM_UP = Number(process.env.WARM_UP ?? 1000); // per path, on a repository of its own
const COUNTER_PULLS = Number(process.env.COUNTER_PULLS ?? 100_000);
const COUNTER_CONCURRENCY = (process.env.COUNTER_CONCURRENCY ?? "64,512,4096").split(",").map(Number);
const TARGET = 5000;
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const TAG = "latest";

/**
 * The notification sink (a worker thread): answers every envelope 200 at once and counts the pull
 * events of the measured repository by id (and duplicates), and other pulls, in shared memory.
 */
const SINK = `
const http = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const counts = new Int32Array(workerData.state, 0, 4);
const last = new BigInt64Array(workerData.state, 16, 1);
const seen = new Set();
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    for (const e of JSON.parse(Buffer.concat(chunks).toString("utf8")).events ?? []) {
      if (e.action !== "pull") continue;
      if (e.target?.repository !== workerData.repository) { Atomics.add(counts, 2, 1); continue; }
      if (seen.has(e.id)) { Atomics.add(counts, 1, 1); continue; }
      seen.add(e.id);
      Atomics.add(counts, 0, 1);
      Atomics.store(last, 0, BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)));
    }
    res.writeHead(200).end();
  });
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
`;

type Key = "door" | "direct" | "notify";
type Via = { key: Key; name: string; base: string; agent: http.Agent };
type Phase = { latencies: number[]; seconds: number; ok: number };

const loadStart = os.loadavg()[0]!;
const bench = await startBenchConsole({ env: { TRUST_PROXY: "0" } });
const sql = new pg.Pool({ connectionString: bench.db.url, max: 2 });
let sink: Worker | undefined;
let notifying: Awaited<ReturnType<typeof startRegistry>> | undefined;
try {
  const { instance } = bench;
  const namespace = instance.admin.username;
  const repository = `${namespace}/pull-bench`;
  const warmRepository = `${namespace}/pull-warm`;
  const keepAlive = () => new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const door: Via = { key: "door", name: "door", base: instance.url, agent: keepAlive() };
  const direct: Via = { key: "direct", name: "registry directly", base: instance.registryUrl, agent: keepAlive() };
  const notifyDir = path.join(instance.dataDir, "registry-notifying");
  const cpuGroups = {
    // This checkout's web server only: other checkouts' tests may run on the machine meanwhile.
    console: new RegExp(escapeRegExp(path.resolve(import.meta.dirname, "..", "scripts", "web-server.ts"))),
    registry: new RegExp(`docker-registry serve ${escapeRegExp(instance.dataDir)}/registry/config`),
    notifying: new RegExp(`docker-registry serve ${escapeRegExp(notifyDir)}/`),
    postgres: new RegExp(`^postgres: .*${bench.db.name} `),
  };

  // Tokens live 5 minutes (TOKEN_TTL_SECONDS); asked for again once 2 minutes old.
  const tokens = new Map<string, { token: string; at: number }>();
  const token = async (repo: string, actions: string) => {
    const key = `${repo}:${actions}`;
    const had = tokens.get(key);
    if (had && Date.now() - had.at < 120_000) return had.token;
    const fresh = await registryToken(instance.url, instance.admin, repo, actions);
    tokens.set(key, { token: fresh, at: Date.now() });
    return fresh;
  };

  // A small image (a config and one 1 KB layer) pushed through the door, as `docker push` would;
  // the first push-scoped token creates each repository.
  const layer = crypto.randomBytes(1024);
  const config = Buffer.from(JSON.stringify({ architecture: "amd64", os: "linux", rootfs: { type: "layers" } }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha256(config), size: config.length },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", digest: sha256(layer), size: layer.length }],
    }),
  );
  // The notification path's registry: a second docker-registry that notifies of pulls, as the
  // console's did, at a sink that answers at once. The sink runs on a thread of its own: on this
  // process's event loop its answers would queue behind the clients' responses, which the
  // console's endpoint (another process) never did.
  const sinkState = new SharedArrayBuffer(24);
  const sinkCounts = new Int32Array(sinkState, 0, 4); // pulls of the repository, duplicates, other pulls
  const sinkLast = new BigInt64Array(sinkState, 16, 1); // the last pull of the repository, µs since the epoch
  sink = new Worker(SINK, { eval: true, workerData: { state: sinkState, repository } });
  const sinkPort = await new Promise<number>((resolve, reject) => {
    sink!.once("message", (m: { port: number }) => resolve(m.port)).once("error", reject);
  });
  const notifyPort = await freePort();
  notifying = await startRegistry({
    configDir: notifyDir,
    logFile: path.join(notifyDir, "registry.log"),
    config: {
      storageDir: path.join(notifyDir, "storage"),
      addr: `127.0.0.1:${notifyPort}`,
      tokenRealm: `${instance.url}/api/registry/token`,
      service: "registry-console",
      issuer: "registry-console",
      rootCertBundle: instance.certFile,
      eventsUrl: `http://127.0.0.1:${sinkPort}/events`,
      eventsSecret: "bench",
      notifyPulls: true,
    },
  });
  const notify: Via = { key: "notify", name: "notifying registry", base: notifying.url, agent: keepAlive() };

  // The same image through the door and to the notifying registry (the console's tokens hold there
  // too: same certificate, service and issuer).
  for (const via of [door, notify])
    for (const repo of [repository, warmRepository]) await pushImage(via, repo, await token(repo, "pull,push"));
  const repositoryId = await idOf(repository);

  // Warm-up on a repository of its own, so the measured one's counters hold exactly the measured
  // pulls; its events reach the sink before the measured GETs start.
  for (const via of [door, direct, notify]) {
    const got = await getPhase(via, warmRepository, await token(warmRepository, "pull"), WARM_UP);
    if (got.ok !== WARM_UP) throw new Error(`${via.name} warm-up: ${got.ok} of ${WARM_UP} answered 200`);
  }
  for (const deadline = Date.now() + 60_000; Atomics.load(sinkCounts, 2) < WARM_UP; await sleep(20))
    if (Date.now() > deadline) throw new Error(`warm-up: ${Atomics.load(sinkCounts, 2)} of ${WARM_UP} events`);

  // 1 and 2. Rounds of the three paths, the order rotating each round, so whatever else loads the
  // machine falls on all three alike. A notification round lasts until its last event arrived.
  const perRound = Math.ceil(N / ROUNDS);
  const runs: Record<Key, Phase[]> = { door: [], direct: [], notify: [] };
  const cpu: Record<Key, Record<string, number>> = { door: {}, direct: {}, notify: {} };
  const events: Array<{ gets: number; during: number; arrived: number; seconds: number }> = [];
  const heldChecks: string[] = [];
  let doorOk = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const requests = Math.min(perRound, N - r * perRound);
    const order = [door, direct, notify];
    for (const via of [...order.slice(r % 3), ...order.slice(0, r % 3)]) {
      const stop = cpuWindow(cpuGroups);
      const before = Atomics.load(sinkCounts, 0);
      const started = performance.now();
      const got = await getPhase(via, repository, await token(repository, "pull"), requests);
      runs[via.key].push(got);
      let note = "";
      if (via === door) {
        doorOk += got.ok;
        // Read at once: every 200 was held until its pull was committed, so none may be missing
        // even while the roll-up moves queued pulls into the counters (one snapshot sees both).
        const counted = await countedNow(repositoryId);
        heldChecks.push(`${counted}/${doorOk}`);
        if (counted !== doorOk)
          throw new Error(`after door round ${r + 1}: ${counted} counted, ${doorOk} answered 200`);
      } else if (via === notify) {
        const during = Atomics.load(sinkCounts, 0) - before;
        const deadline = Date.now() + 90_000;
        while (Atomics.load(sinkCounts, 0) - before < got.ok && Date.now() < deadline) await sleep(5);
        const arrived = Atomics.load(sinkCounts, 0) - before;
        const end =
          arrived >= got.ok ? Number(Atomics.load(sinkLast, 0)) / 1000 - performance.timeOrigin : performance.now();
        events.push({ gets: got.ok, during, arrived, seconds: (end - started) / 1000 });
        note = `; ${during} events during the GETs, ${arrived} after ${fmt(events.at(-1)!.seconds, 2)} s`;
      }
      addCpu(cpu[via.key], stop());
      console.log(
        `round ${r + 1}/${ROUNDS} ${via.name}: ${fmt(got.ok / got.seconds, 0)} GETs/s, p50 ${fmt(percentile(got.latencies, 0.5), 2)} ms, p95 ${fmt(percentile(got.latencies, 0.95), 2)} ms${note}`,
      );
    }
  }
  const drainedDoor = await drained(repositoryId);
  const afterDoor = await counters(repositoryId);
  const doorExact =
    doorOk === N && afterDoor.tag === N && afterDoor.repository === N && afterDoor.days === N && afterDoor.queued === 0;
  console.log(
    `door: ${doorOk} answered 200; after the roll-up (${fmt(drainedDoor, 2)} s): ${JSON.stringify(afterDoor)}`,
  );
  await sleep(1000); // a late duplicate (a delivery the registry retried) would land here
  const notifiedOk = runs.notify.reduce((n, p) => n + p.ok, 0);
  const arrived = Atomics.load(sinkCounts, 0);
  const duplicates = Atomics.load(sinkCounts, 1);
  const arrivedDuringGets = events.reduce((n, e) => n + e.during, 0);
  const eventRate = arrived / events.reduce((s, e) => s + e.seconds, 0);
  // What the old path had counted by the time the pulls were served: the registry sends one event
  // at a time, so under load its backlog grows in its memory (lost if it stops).
  const duringRate = arrivedDuringGets / runs.notify.reduce((s, p) => s + p.seconds, 0);
  const notifyExact = arrived === notifiedOk && duplicates === 0;

  // 3. The counter alone, in this process, against the same database and repository.
  const { createPullCounter } = await import("@/lib/front-door/pull-counter");
  const counterRuns: Array<{
    concurrency: number;
    seconds: number;
    drain: number;
    exact: boolean;
    cpu: Record<string, number>;
  }> = [];
  let expected = N;
  for (const concurrency of COUNTER_CONCURRENCY) {
    const counter = createPullCounter();
    const pull = { repository, reference: TAG, byDigest: false };
    await Promise.all(Array.from({ length: 200 }, () => counter.count(pull, "bench-warm-up")));
    expected += 200;
    await drained(repositoryId);
    let left = COUNTER_PULLS;
    const stop = cpuWindow(cpuGroups);
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left-- > 0) await counter.count(pull, "bench");
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const used = stop();
    expected += COUNTER_PULLS;
    const held = await countedNow(repositoryId);
    const drain = await drained(repositoryId);
    const c = await counters(repositoryId);
    const exact = held === expected && c.tag === expected && c.repository === expected && c.days === expected;
    counterRuns.push({ concurrency, seconds, drain, exact, cpu: used });
    console.log(
      `counter, concurrency ${concurrency}: ${fmt(COUNTER_PULLS / seconds, 0)} pulls/s committed; counted at once ${held}/${expected}, after the roll-up (${fmt(drain, 2)} s) ${JSON.stringify(c)}`,
    );
  }

  const loadEnd = os.loadavg()[0]!;

  // The figures.
  const all = (phases: Phase[]) => phases.flatMap((p) => p.latencies);
  const gets = (phases: Phase[]) => phases.reduce((n, p) => n + p.ok, 0);
  const rate = (phases: Phase[]) => gets(phases) / phases.reduce((s, p) => s + p.seconds, 0);
  const perRoundRates = (phases: Phase[]) => phases.map((p) => fmt(p.ok / p.seconds, 0)).join(", ");
  const doorRate = rate(runs.door);
  const directRate = rate(runs.direct);
  const notifyRate = rate(runs.notify);
  const counterRate = (c: (typeof counterRuns)[number]) => COUNTER_PULLS / c.seconds;
  const best = counterRuns.reduce((a, b) => (counterRate(b) > counterRate(a) ? b : a));
  const counterOk = counterRuns.every((c) => c.exact);
  const times = (x: number) => `${fmt(x / eventRate, 1)}×`;
  // Only the GET paths ran beside the notification path's GETs; the counter ran alone.
  const timesBoth = (x: number) => `${times(x)} (${fmt(x / duringRate, 0)}× while the GETs ran)`;
  const lat = (phases: Phase[]) =>
    `${fmt(percentile(all(phases), 0.5), 2)} / ${fmt(percentile(all(phases), 0.95), 2)} ms`;
  const yes = (ok: boolean) => (ok ? "yes" : "**no**");
  const n = (x: number) => x.toLocaleString("en");
  const perGet = (used: Record<string, number>, count: number) =>
    Object.entries(used)
      .filter(([, s]) => (1000 * s) / count >= 0.0005)
      .map(([k, s]) => `${k === "bench" ? "client" : k} ${fmt((1000 * s) / count, 3)}`)
      .join(", ");
  const rows = [
    [
      `door, end to end: ${CLIENTS} clients, GET by tag, each answer held until its pull is committed`,
      `**${fmt(doorRate, 0)}** GETs/s`,
      lat(runs.door),
      `${n(doorOk)} of ${n(N)}`,
      yes(doorExact),
      timesBoth(doorRate),
      doorRate >= TARGET ? "**met**" : "missed",
    ],
    [
      "the console's registry directly (counts nothing): the ceiling the door sits behind",
      `${fmt(directRate, 0)} GETs/s`,
      lat(runs.direct),
      "–",
      "–",
      timesBoth(directRate),
      directRate >= TARGET ? "(≥ 5,000)" : `(< 5,000 on ${os.cpus().length} cores)`,
    ],
    ...counterRuns.map((c) => [
      `the pull counter alone (\`createPullCounter().count()\`), ${n(c.concurrency)} at once`,
      `**${fmt(counterRate(c), 0)}** pulls/s`,
      "–",
      `${n(COUNTER_PULLS)} of ${n(COUNTER_PULLS)}`,
      yes(c.exact),
      times(counterRate(c)),
      counterRate(c) >= TARGET ? "**met**" : "missed",
    ]),
    [
      "notification path: a registry notifying of each pull (one event per POST, one POST at a time) at a sink answering 200 at once",
      `events **${fmt(eventRate, 0)}/s** until the last arrived, ${fmt(duringRate, 0)}/s while the GETs ran (GETs ${fmt(notifyRate, 0)}/s)`,
      lat(runs.notify),
      `${n(arrived)} events of ${n(notifiedOk)} GETs (${n(arrivedDuringGets)} while the GETs ran)`,
      yes(notifyExact),
      "1× (1×)",
      eventRate >= TARGET ? "met" : "missed",
    ],
  ];
  writeSection(
    "pull-counting",
    "Pull counting: manifest GETs counted at the front door vs the notification path",
    `${table(["path", "rate", "GET p50 / p95", "counted", "exact", "vs notification path", `≥ ${n(TARGET)}/s`], rows)}

- Target: ≥ ${n(TARGET)} manifest GETs per second, every one counted exactly. End to end through the door: **${doorRate >= TARGET ? "met" : "missed"}**: ${fmt(doorRate, 0)}/s, ${fmt((100 * doorRate) / directRate, 0)} % of the ${fmt(directRate, 0)}/s the registry behind it answers on its own${directRate < TARGET ? `, which is itself below ${n(TARGET)}/s on these ${os.cpus().length} shared cores` : ""}. The counter's own capacity: **${counterRate(best) >= TARGET ? "met" : "missed"}**: ${fmt(counterRate(best), 0)} pulls/s committed at ${n(best.concurrency)} at once. Exact counting: **${doorExact && counterOk ? "met" : "missed"}** (door and counter).
- Against the notification path measured in the same run (${fmt(eventRate, 0)} pull events/s reaching a sink that does nothing with them, from the first GET until the last event; ${fmt(duringRate, 0)}/s while the GETs ran): the door counts ${timesBoth(doorRate)} as many per second end to end; the counter alone ${times(counterRate(best))} the former.
- Image: an OCI manifest (${manifest.length} bytes; a config and one 1 KB layer) tagged \`${TAG}\`, pushed through the door (and to the notifying registry). GETs: \`GET /v2/${repository}/manifests/${TAG}\` with \`Accept: ${OCI_MANIFEST}\` and a pull-scoped registry token (\`/api/registry/token\`, Basic auth of the operator), ${CLIENTS} clients in a closed loop, each a keep-alive connection sending one request at a time (\`bench/lib/lean-get.ts\`, a load generator that costs a fraction of Node's \`http\` client per GET: this machine's 2 cores run it beside what it measures); every answer checked to be 200 with the whole manifest. Pull rate limits off (the default). ${n(WARM_UP)} warm-up GETs per path on another repository, then ${ROUNDS} rounds of ${n(perRound)} GETs per path, the order of the three paths rotating each round; per round: door ${perRoundRates(runs.door)}/s, registry directly ${perRoundRates(runs.direct)}/s, notifying registry ${perRoundRates(runs.notify)}/s.
- Exactness, door: right after each door round, \`repositories.pull_count\` + the repository's rows in \`registry_pull_queue\` (one statement, one snapshot) equalled the 200 answers so far: ${heldChecks.join(", ")}; after the roll-up drained the queue (${fmt(drainedDoor, 2)} s after the last round): tag \`${TAG}\` ${afterDoor.tag}, repository ${afterDoor.repository}, \`repository_pull_days\` ${afterDoor.days}, queue ${afterDoor.queued} (N = ${N}).
- Counter alone: \`createPullCounter()\` of lib/front-door/pull-counter.ts imported into the bench process (run with \`--conditions=react-server\` like the console, so \`server-only\` resolves to its empty server build; the console's \`DATABASE_URL\`, a pool of ${process.env.DATABASE_POOL_MAX} connections), ${n(COUNTER_PULLS)} pulls of \`${repository}:${TAG}\` per concurrency, each caller awaiting its pull's commit before the next: the door's grouped commits (one \`INSERT … select from unnest(…)\` per round trip for all pulls waiting, at most 5,000) and its roll-up (scheduled in this process), timed until the last commit. Counted at once (counter + queue) and after the roll-up (tag, repository, days), cumulative with the door's N and 200 warm-up pulls per run: ${counterRuns.map((c) => `${n(c.concurrency)} at once ${fmt(counterRate(c), 0)}/s, ${c.exact ? "exact" : "NOT exact"}, queue drained ${fmt(c.drain, 2)} s later`).join("; ")}.
- Notification path: a second \`docker-registry\` (same binary, its own storage, the console's token certificate) whose notifications include pulls (\`renderRegistryConfig({ notifyPulls: true })\`: no \`actions: [pull]\` in \`ignore\`), pointed at an HTTP sink on a worker thread of the bench process that parses each envelope, counts the repository's pull events by id and answers 200 at once. Each round: events/s = events ÷ time from the round's first GET until its last event arrived (per round: ${events.map((e) => `${n(e.during)} of ${n(e.gets)} while the GETs ran, all ${n(e.arrived)} after ${fmt(e.seconds, 2)} s`).join("; ")}); ${duplicates} duplicates. The console's event endpoint did more per event than this sink (bench:events: 276/s from one sender, one event per envelope), so this is the old path's ceiling.
- CPU per GET in ms (client = the bench process): door ${perGet(cpu.door, gets(runs.door))}; registry directly ${perGet(cpu.direct, gets(runs.direct))}; notification path, until the round's last event: ${perGet(cpu.notify, notifiedOk)}. Per counted pull, counter alone: ${counterRuns.map((c) => `${n(c.concurrency)} at once: ${perGet(c.cpu, COUNTER_PULLS)}`).join("; ")}.
- Client, console, both registries and PostgreSQL share the machine's ${os.cpus().length} cores. Load average (1 min) at the start ${fmt(loadStart, 1)}, at the end ${fmt(loadEnd, 1)}.`,
  );
  if (!doorExact || !counterOk || !notifyExact) process.exitCode = 1;

  /** `requests` GETs of the tagged manifest, CLIENTS at a time (bench/lib/lean-get.ts: every answer checked). */
  async function getPhase(via: Via, repo: string, tok: string, requests: number): Promise<Phase> {
    // Each phase opens its connections and closes them at its end: idle through the other paths'
    // rounds (tens of seconds), they would meet the server's keep-alive timeout.
    return leanGets({
      url: via.base,
      path: `/v2/${repo}/manifests/${TAG}`,
      headers: { authorization: `Bearer ${tok}`, accept: OCI_MANIFEST },
      requests,
      clients: CLIENTS,
      expectStatus: 200,
      expectBytes: manifest.length,
    });
  }

  /** Config and layer (POST, then PUT ?digest=), then the tagged manifest. */
  async function pushImage(via: Via, repo: string, tok: string) {
    const auth = { authorization: `Bearer ${tok}` };
    for (const blob of [config, layer]) {
      const post = await request(via, "POST", `/v2/${repo}/blobs/uploads/`, auth);
      await consume(post);
      if (post.statusCode !== 202 || !post.headers.location) throw new Error(`${via.name} POST: ${post.statusCode}`);
      const target = new URL(post.headers.location, via.base);
      target.searchParams.set("digest", sha256(blob));
      const put = await request(
        via,
        "PUT",
        target.href,
        { ...auth, "content-type": "application/octet-stream", "content-length": blob.length },
        blob,
      );
      await consume(put);
      if (put.statusCode !== 201) throw new Error(`${via.name} blob PUT: ${put.statusCode}`);
    }
    const put = await request(
      via,
      "PUT",
      `/v2/${repo}/manifests/${TAG}`,
      { ...auth, "content-type": OCI_MANIFEST, "content-length": manifest.length },
      manifest,
    );
    await consume(put);
    if (put.statusCode !== 201) throw new Error(`${via.name} manifest PUT: ${put.statusCode}`);
  }
} finally {
  await notifying?.stop();
  await sink?.terminate();
  await sql.end();
  await bench.stop();
}

async function idOf(repository: string): Promise<string> {
  const [ns, name] = repository.split("/") as [string, string];
  const { rows } = await sql.query<{ id: string }>(
    "select r.id from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = $2",
    [ns, name],
  );
  if (!rows[0]) throw new Error(`no repository ${repository}`);
  return rows[0].id;
}

/** Pulls committed for the repository: counted already plus still queued, read in one snapshot. */
async function countedNow(repositoryId: string): Promise<number> {
  const { rows } = await sql.query<{ n: string }>(
    `select (select pull_count from repositories where id = $1)
          + (select count(*) from registry_pull_queue where repository_id = $1) as n`,
    [repositoryId],
  );
  return Number(rows[0]!.n);
}

async function counters(repositoryId: string) {
  const { rows } = await sql.query<{ tag: string; repository: string; days: string; queued: string }>(
    `select (select pull_count from repository_tags where repository_id = $1 and name = $2) as tag,
            (select pull_count from repositories where id = $1) as repository,
            (select coalesce(sum(pulls), 0) from repository_pull_days where repository_id = $1) as days,
            (select count(*) from registry_pull_queue where repository_id = $1) as queued`,
    [repositoryId, TAG],
  );
  const r = rows[0]!;
  return { tag: Number(r.tag), repository: Number(r.repository), days: Number(r.days), queued: Number(r.queued) };
}

/** Seconds until the roll-up has emptied the repository's queue (at most 60). */
async function drained(repositoryId: string): Promise<number> {
  const start = performance.now();
  while ((await counters(repositoryId)).queued > 0) {
    if (performance.now() - start > 60_000) throw new Error("the pull queue did not drain in 60 s");
    await sleep(10);
  }
  return (performance.now() - start) / 1000;
}

function addCpu(into: Record<string, number>, add: Record<string, number>): void {
  for (const [k, v] of Object.entries(add)) into[k] = (into[k] ?? 0) + v;
}

function request(via: Via, method: string, target: string, headers: OutgoingHttpHeaders, body?: Buffer) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = http.request(new URL(target, via.base), { method, headers, agent: via.agent });
    // on, not once: a request that already failed can emit another error, which must not end
    // the run as an uncaught exception (one did: "socket hang up" with this listener in place).
    req.once("response", resolve).on("error", reject);
    req.end(body);
  });
}

function consume(res: IncomingMessage): Promise<number> {
  let bytes = 0;
  return new Promise((resolve, reject) => {
    res.on("data", (chunk: Buffer) => (bytes += chunk.length));
    res.once("end", () => resolve(bytes));
    res.once("error", reject);
    res.once("aborted", () => reject(new Error("response aborted")));
  });
}

async function registryToken(
  consoleUrl: string,
  who: { username: string; password: string },
  repository: string,
  actions: string,
) {
  const basic = Buffer.from(`${who.username}:${who.password}`).toString("base64");
  const res = await fetch(
    `${consoleUrl}/api/registry/token?service=registry-console&scope=repository:${repository}:${actions}`,
    { headers: { authorization: `Basic ${basic}` } },
  );
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

function sha256(b: Buffer): string {
  return `sha256:${crypto.createHash("sha256").update(b).digest("hex")}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
