/**
 * Token service benchmark: what `docker login` / `docker pull` cost the console. Measures, in one
 * run on this machine:
 *  - the signing alone (mintRegistryToken in a loop in this process: one core, no HTTP, no database);
 *  - token requests authenticated with a personal access token, over HTTP on loopback with
 *    autocannon (the console's whole path: parse, token lookup, permission check, signing);
 *  - token requests authenticated with a password (argon2id, slow by design), reported apart.
 *
 *   npm run bench:tokens      (DURATION=10 seconds per load run, CONNECTIONS=4,16)
 */
import autocannon from "autocannon";
import { benchUser, PRODUCTION_DEFAULTS, startBenchConsole } from "./lib/bench-console";
import { startConsoleInstance } from "../tests/harness/console-instance";
import { table, writeSection } from "./lib/results";
import { cpuWindow } from "./lib/cpu";
import { fmt } from "./lib/stats";

const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = (process.env.CONNECTIONS ?? "4,16").split(",").map(Number);

// The defaults of a fresh install: no trusted proxy in front (so no per-address limit lookup).
const bench = await startBenchConsole({ env: { TRUST_PROXY: "0" } });
try {
  const { instance } = bench;
  const user = await benchUser(`tok${Date.now().toString(36)}`);
  const repository = `${user.username}/app`;
  const basic = (secret: string) => `Basic ${Buffer.from(`${user.username}:${secret}`).toString("base64")}`;
  const tokenUrl = `${instance.url}/api/registry/token?service=registry-console&scope=repository:${repository}:pull,push`;
  // The first push-scoped request creates the repository (as a first docker push would).
  const first = await fetch(tokenUrl, { headers: { Authorization: basic(user.token) } });
  const firstBody = (await first.json()) as { token?: string; access_token?: string };
  if (first.status !== 200 || !firstBody.token)
    throw new Error(`token request: ${first.status} ${JSON.stringify(firstBody)}`);
  assertGrants(firstBody.token, ["pull", "push"]);

  const signing = await signingRate(3000);
  const pats = [];
  let cpu: Record<string, number> = {};
  for (const c of CONNECTIONS) {
    const stop = cpuWindow({
      console: /scripts\/web-server\.ts/,
      postgres: new RegExp(`^postgres: .*${bench.db.name}`),
      registry: /docker-registry serve/,
    });
    pats.push({ c, ...(await load(tokenUrl, basic(user.token), c, DURATION)) });
    cpu = stop(); // of the last (busiest) run, warm-up included
  }
  const password = await load(tokenUrl, basic(user.password), 4, Math.min(DURATION, 5));
  // The same requests to a second console on the same database with the access cache off: every
  // token then costs its database lookups (token, repository, grants), as before the cache.
  const uncached = await startConsoleInstance({
    databaseUrl: bench.db.url,
    env: { ...PRODUCTION_DEFAULTS, ACCESS_CACHE: "off" },
  });
  let noCache: Awaited<ReturnType<typeof load>>;
  try {
    noCache = await load(
      tokenUrl.replace(instance.url, uncached.url),
      basic(user.token),
      CONNECTIONS.at(-1)!,
      DURATION,
    );
  } finally {
    await uncached.stop();
  }
  // The busiest run decides the throughput figure; the target asks for both at once.
  const pat = pats.reduce((a, b) => (b.rps > a.rps ? b : a));

  const rows = [
    ["signing alone (ES256, this process, 1 core)", fmt(signing, 0), "–", "–", "–"],
    ...pats.map((p) => [
      `HTTP, personal access token (${p.c} connections, ${DURATION} s)`,
      fmt(p.rps, 0),
      fmt(p.p50, 2),
      fmt(p.p99, 2),
      `${p.errors}`,
    ]),
    [
      `HTTP, personal access token, access cache off (${CONNECTIONS.at(-1)} connections, ${DURATION} s)`,
      fmt(noCache.rps, 0),
      fmt(noCache.p50, 2),
      fmt(noCache.p99, 2),
      `${noCache.errors}`,
    ],
    [
      `HTTP, password / argon2id (4 connections, ${Math.min(DURATION, 5)} s)`,
      fmt(password.rps, 0),
      fmt(password.p50, 2),
      fmt(password.p99, 2),
      `${password.errors}`,
    ],
  ];
  writeSection(
    "token-service",
    "Token service",
    `${table(["what", "tokens/s", "p50 ms", "p99 ms", "errors / non-200"], rows)}

- Personal-access-token path at its best (${pat.c} connections) vs the signing alone: **${fmt((100 * pat.rps) / signing, 1)} %** of the signing rate (${fmt(signing / pat.rps, 1)}× slower).
- Access cache on vs off (same run, same database, ${CONNECTIONS.at(-1)} connections): **${fmt(pats.at(-1)!.rps / (noCache.rps || 1), 1)}×** the tokens per second (${fmt(pats.at(-1)!.rps, 0)} vs ${fmt(noCache.rps, 0)}).
- Target: ≥ 3,000 tokens/s and p99 < 20 ms with a personal access token: **${pat.rps >= 3000 && pat.p99 < 20 ? "met" : "missed"}** (${fmt(pat.rps, 0)} tokens/s at p99 ${fmt(pat.p99, 0)} ms).
- Each request: \`GET /api/registry/token?service=…&scope=repository:${repository}:pull,push\` with Basic auth, the scope a \`docker push\` asks for; every answer was checked to be 200 (errors counts anything else).
- Where the CPU went during the ${CONNECTIONS.at(-1)}-connection run (warm-up included, ${fmt(pats.at(-1)!.total + pats.at(-1)!.warm, 0)} requests): console process ${perRequest(cpu.console, pats.at(-1)!)} ms per token, PostgreSQL ${perRequest(cpu.postgres, pats.at(-1)!)} ms, load generator ${perRequest(cpu.bench, pats.at(-1)!)} ms, of the ${fmt(2000 / (pats.at(-1)!.rps || 1), 2)} ms of machine time (2 cores) each token had.
- Load generator: autocannon in the bench process on the same 2 cores as the console, PostgreSQL and the registry.`,
  );
} finally {
  await bench.stop();
}

function perRequest(cpuSeconds: number | undefined, run: { total: number; warm: number }): string {
  return fmt(((cpuSeconds ?? 0) * 1000) / (run.total + run.warm), 2);
}

function assertGrants(token: string, actions: string[]) {
  const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as {
    access: Array<{ actions: string[] }>;
  };
  const got = claims.access[0]?.actions ?? [];
  if (actions.some((a) => !got.includes(a)))
    throw new Error(`token grants ${got.join(",")}, expected ${actions.join(",")}`);
}

/** Tokens signed per second by the app's own signer, in this process. */
async function signingRate(ms: number): Promise<number> {
  const { mintRegistryToken } = await import("@/lib/registry/token-signer");
  const access = [{ type: "repository", name: "bench/app", actions: ["pull", "push"] }];
  for (let i = 0; i < 500; i++) mintRegistryToken("bench", access); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i++) mintRegistryToken("bench", access);
    n += 100;
  }
  return n / ((performance.now() - start) / 1000);
}

async function load(url: string, authorization: string, connections: number, duration: number) {
  // A short warm-up so JIT and the connection pool are hot before the measured run.
  const warm = await autocannon({ url, connections, duration: 2, headers: { authorization } });
  const r = await autocannon({ url, connections, duration, headers: { authorization } });
  const errors = r.errors + r.timeouts + r.non2xx;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors,
    total: r.requests.total,
    warm: warm.requests.total,
  };
}
