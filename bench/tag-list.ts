/**
 * Tag-list benchmark: seeds one repository with N tags (default 10,000) through the real registry
 * (the console indexes them from the registry's push events, as in production), then times the
 * console's tag list page, server side, for the pages people open: the first page by last pushed,
 * a deep page by name, and a filtered page.
 *
 *   npm run bench:tag-list                # 10,000 tags
 *   TAGS=100000 npm run bench:tag-list
 *
 * It starts its own console + registry on free ports with a fresh PostgreSQL database on
 * 127.0.0.1:5432 (dropped at the end), exactly as the test harness does.
 */
import os from "node:os";
import pg from "pg";
import { startConsoleInstance } from "../tests/harness/console-instance";
import { createTestDatabase } from "../tests/harness/test-database";
import { buildImage, pushImage } from "../tests/helpers/oci-image";

const TAGS = Number(process.env.TAGS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 50);
const CONCURRENCY = 8;

const db = await createTestDatabase("rcp_bench");
const instance = await startConsoleInstance({ databaseUrl: db.url });
const sql = new pg.Pool({ connectionString: db.url, max: 2 });
try {
  const { username, password } = instance.admin;
  const repository = `${username}/bench`;
  const image = await buildImage({ layers: [{ files: { "bench.txt": "bench\n" } }] });
  await pushImage(image, { registry: instance.registryHost, repository, tag: "seed", username, password });
  // Visitors see public repositories; the bench times the page as a visitor does.
  await sql.query(`update repositories set visibility = 'public' where name = 'bench'`);

  const started = performance.now();
  let token = await fetchToken(instance.url, repository, username, password);
  let tokenAt = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < TAGS) {
      const i = next++;
      if (Date.now() - tokenAt > 200_000) {
        token = await fetchToken(instance.url, repository, username, password);
        tokenAt = Date.now();
      }
      const res = await fetch(`${instance.registryUrl}/v2/${repository}/manifests/t${String(i).padStart(6, "0")}`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": image.manifest.mediaType },
        body: new Uint8Array(image.manifestBytes),
      });
      if (res.status !== 201) throw new Error(`PUT tag ${i}: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const pushedIn = (performance.now() - started) / 1000;
  // The registry delivers the push events to the console; wait until the index holds every tag.
  for (;;) {
    const { rows } = await sql.query<{ n: number }>(`select count(*)::int as n from repository_tags`);
    if (rows[0]!.n >= TAGS + 1) break;
    if (performance.now() - started > 30 * 60_000) throw new Error(`index has ${rows[0]!.n} of ${TAGS + 1} tags after 30 minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const indexedIn = (performance.now() - started) / 1000;

  const pages = {
    "first page, by last pushed": `/r/${repository}/tags`,
    "page 200, by name": `/r/${repository}/tags?sort=name&page=200`,
    "filtered (q=t0099)": `/r/${repository}/tags?q=t0099`,
  };
  const results: Array<{ page: string; p50: number; p95: number; max: number }> = [];
  for (const [name, path] of Object.entries(pages)) {
    for (let i = 0; i < 5; i++) await get(instance.url + path); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await get(instance.url + path));
    times.sort((a, b) => a - b);
    results.push({ page: name, p50: pct(times, 0.5), p95: pct(times, 0.95), max: times[times.length - 1]! });
  }
  console.log(`\nTag list with ${TAGS.toLocaleString("en")} tags (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}, ${new Date().toISOString().slice(0, 10)})`);
  console.log(`seeded through the registry in ${pushedIn.toFixed(1)} s; indexed from its events after ${indexedIn.toFixed(1)} s\n`);
  console.log("| page | p50 ms | p95 ms | max ms |\n| --- | --- | --- | --- |");
  for (const r of results) console.log(`| ${r.page} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`);
  console.log(`\n(${RUNS} sequential requests per page after 5 warm-ups: the full server-rendered HTML response, timed by the client on loopback)`);
} finally {
  await sql.end();
  await instance.stop();
  await db.drop();
}

async function fetchToken(consoleUrl: string, repository: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${consoleUrl}/api/registry/token?service=registry-console&scope=repository:${repository}:pull,push`, {
    headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` },
  });
  if (!res.ok) throw new Error(`token: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

async function get(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  if (res.status !== 200 || !body.includes('data-testid="tag-list"')) throw new Error(`GET ${url}: ${res.status}`);
  return performance.now() - t;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
