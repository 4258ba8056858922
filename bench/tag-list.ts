/**
 * Tag-list benchmark: the console's tag-list API against the way simple registry UIs build the same
 * page from the registry API alone (tags list, then one manifest + one config request per tag, sort
 * by the image's creation time), on one repository with 10,000 and with 100,000 tags.
 *
 *   npm run bench:tag-list                 # TAG_COUNTS=10000,100000 by default
 *   TAG_COUNTS=10000 npm run bench:tag-list
 *
 * Tags are written straight into the registry's filesystem storage (each its own image over one
 * shared layer) with the index rows the console's indexer would write for them, and the console
 * learns of the tags from the push events the registry would send. The bench checks that the naive
 * path and the console return the same first page before timing anything.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { benchUser, startBenchConsole } from "./lib/bench-console";
import { describeSeeded, postEvents, pushEvent, StorageSeeder, type SeededTag } from "./lib/registry-seed";
import { table, writeSection } from "./lib/results";
import { fmt, median, summarize, timeRuns } from "./lib/stats";

const COUNTS = (process.env.TAG_COUNTS ?? "10000,100000").split(",").map(Number);
const RUNS = Number(process.env.RUNS ?? 50);
const PAGE = 25;
// Browsers open at most 6 connections per host; a browser UI cannot go wider than that.
const NAIVE_CONCURRENCY = 6;
const ACCEPT = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
].join(", ");

// One process per size: each starts its own console, and the app's modules (database pool,
// prepared statements, env) belong to one console.
if (process.env.TAG_LIST_ONE) {
  fs.writeFileSync(process.env.TAG_LIST_OUT!, JSON.stringify(await benchAt(Number(process.env.TAG_LIST_ONE))));
  process.exit(0);
}
const rows: Array<Array<string | number>> = [];
for (const count of COUNTS) {
  const out = path.join(os.tmpdir(), `tag-list-${process.pid}-${count}.json`);
  const r = spawnSync(process.execPath, [...process.execArgv, import.meta.filename], {
    stdio: "inherit",
    env: { ...process.env, TAG_LIST_ONE: String(count), TAG_LIST_OUT: out },
  });
  if (r.status !== 0) throw new Error(`tag list at ${count} tags failed`);
  rows.push(...(JSON.parse(fs.readFileSync(out, "utf8")) as Array<Array<string | number>>));
}
const sections: string[] = [];
sections.push(
  table(
    [
      "tags",
      "page",
      "console API p50 ms",
      "console API p95 ms",
      "naive p50 ms",
      "naive requests",
      "naive ÷ console (p50)",
    ],
    rows,
  ),
  `- Console: \`GET /api/v1/repositories/<ns>/<name>/tags?sort=pushed&page_size=${PAGE}\` (and \`&q=\`) with a read-only personal access token, ${RUNS} sequential requests after 5 warm-ups; the whole JSON answer timed by the client on loopback. It reads the index only.
- Naive: what registry UIs without an index do for the same page — a registry token, \`GET /v2/<name>/tags/list\`, then for every tag \`GET /v2/<name>/manifests/<tag>\` and \`GET /v2/<name>/blobs/<config>\` (${NAIVE_CONCURRENCY} at a time, a browser's per-host limit), sort by the config's \`created\`, keep ${PAGE}. For the filtered page it fetches only the tags whose name matches. Fewer runs (median shown), since one run takes seconds to minutes.
- "by name (lower bound)": a naive UI that pages by name needs only the page's 25 tags (tags list + 50 requests): the cheapest any registry-API-only page can be; the console row is its own first page by name (\`sort=name\`).
- The naive runs pull every manifest, so the registry reports 100,000s of pulls to the console; each console timing starts once those events are stored and counted.
- Every naive run is checked to return the same ${PAGE} tags, in the same order, as the console.
- Targets: console p95 < 50 ms at 100,000 tags, and ≥ 100× faster than the naive path: ${verdict(rows)}.`,
);
writeSection("tag-list", "Tag list: console API vs the naive registry path", sections.join("\n\n"));

/** "met" when every 100,000-tag row by last pushed (first and filtered page) is under 50 ms at p95 and ≥ 100× the naive path. */
function verdict(rows: Array<Array<string | number>>): string {
  const big = rows.filter((r) => r[0] === "100,000" && !String(r[1]).startsWith("by name"));
  if (big.length === 0) return "not measured at 100,000 tags in this run";
  const ok = big.every((r) => Number(r[3]) < 50) && Number(String(big[0]![6]).replace("×", "")) >= 100;
  return `**${ok ? "met" : "missed"}** (${big.map((r) => `${r[1]}: p95 ${r[3]} ms`).join("; ")}; first page ${big[0]![6]} the naive path)`;
}

async function benchAt(count: number): Promise<Array<Array<string | number>>> {
  const bench = await startBenchConsole({ env: { TRUST_PROXY: "0" } });
  const sql = new pg.Pool({ connectionString: bench.db.url, max: 2 });
  try {
    const { instance } = bench;
    const user = await benchUser(`tl${Date.now().toString(36)}`, "read_write");
    const repository = `${user.username}/app`;
    const auth = { Authorization: `Bearer ${user.token}` };
    const created = await fetch(`${instance.url}/api/v1/namespaces/${user.username}/repositories`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "app", visibility: "private" }),
    });
    if (created.status !== 201) throw new Error(`create repository: ${created.status} ${await created.text()}`);

    // Seed: storage first (as if pushed), then the registry's push events, oldest first.
    const t0 = performance.now();
    const seeder = new StorageSeeder(path.join(instance.dataDir, "registry", "storage"));
    const base = Date.now() - count * 1000;
    const tags: SeededTag[] = [];
    for (let i = 0; i < count; i++)
      tags.push(seeder.addTag(repository, `v${String(i).padStart(6, "0")}`, new Date(base + i * 1000)));
    const seeded = (performance.now() - t0) / 1000;
    await describeSeeded(sql, tags);
    await postEvents(
      instance.url,
      instance.eventsSecret,
      tags.map((t) => pushEvent(t, user.username)),
      1000,
    );
    for (;;) {
      const { rows: r } = await sql.query<{ tags: number; described: number; queued: boolean }>(
        `select (select count(*)::int from repository_tags) as tags, (select count(*)::int from image_manifests) as described,
           exists (select 1 from storage_changes) as queued`,
      );
      // Indexed, and counted by the storage roll-up, before anything is timed.
      if (r[0]!.tags >= count && r[0]!.described >= count && !r[0]!.queued) break;
      if (performance.now() - t0 > 20 * 60_000)
        throw new Error(`index: ${JSON.stringify(r[0])} of ${count} after 20 minutes`);
      await new Promise((res) => setTimeout(res, 500));
    }
    await sql.query("analyze");
    const indexed = (performance.now() - t0) / 1000;
    console.log(
      `${count} tags: storage seeded in ${seeded.toFixed(1)} s, indexed from push events after ${indexed.toFixed(1)} s`,
    );

    const filter = "v0099"; // 10 (or 100) tags of the repository
    const consoleUrl = (q: string, sort: string) =>
      `${instance.url}/api/v1/repositories/${repository}/tags?sort=${sort}&page_size=${PAGE}${q ? `&q=${q}` : ""}`;
    const consolePage = async (q: string, sort = "pushed") => {
      const res = await fetch(consoleUrl(q, sort), { headers: auth });
      const body = (await res.json()) as { results: Array<{ name: string }> };
      if (res.status !== 200) throw new Error(`console: ${res.status}`);
      return body.results.map((t) => t.name);
    };
    // The naive runs pull every manifest, and the registry reports each pull to the console: the
    // console is timed only once those events are in (no events for a second, none left to count).
    const settled = async () => {
      let last = -1;
      for (;;) {
        const { rows: r } = await sql.query<{ events: number; queued: number }>(
          "select (select count(*)::int from registry_events) as events, (select count(*)::int from registry_pull_queue) as queued",
        );
        if (r[0]!.events === last && r[0]!.queued === 0) return;
        last = r[0]!.events;
        await new Promise((res) => setTimeout(res, 1000));
      }
    };
    const naive = naiveClient(instance.url, instance.registryUrl, repository, user.username, user.token);

    const out: Array<Array<string | number>> = [];
    for (const [label, q, naiveRuns] of [
      ["first page, by last pushed", "", count >= 100_000 ? 1 : 3],
      [`filtered (q=${filter})`, filter, 5],
    ] as const) {
      await settled();
      const got = await consolePage(q);
      for (let i = 0; i < 5; i++) await consolePage(q);
      const c = summarize(await timeRuns(RUNS, () => consolePage(q)));
      // Every naive run must build the console's page exactly (a run at 100,000 tags takes minutes,
      // so the timed runs are the check).
      let expected = { names: [] as string[], requests: 0 };
      const n = await timeRuns(naiveRuns, async () => {
        expected = await naive.page(q);
        if (JSON.stringify(expected.names) !== JSON.stringify(got))
          throw new Error(`${label}: console and naive pages differ:\n${got.join(",")}\n${expected.names.join(",")}`);
      });
      out.push([
        count.toLocaleString("en"),
        label,
        fmt(c.p50),
        fmt(c.p95),
        fmt(median(n), 0),
        expected.requests.toLocaleString("en"),
        `${fmt(median(n) / c.p50, 0)}×`,
      ]);
    }
    const byName = await timeRuns(5, () => naive.byNamePage());
    await settled();
    for (let i = 0; i < 5; i++) await consolePage("", "name");
    const c = summarize(await timeRuns(RUNS, () => consolePage("", "name")));
    out.push([
      count.toLocaleString("en"),
      "by name (lower bound of any naive page)",
      fmt(c.p50),
      fmt(c.p95),
      fmt(median(byName), 0),
      String(2 + 2 * PAGE),
      `${fmt(median(byName) / c.p50, 0)}×`,
    ]);
    return out;
  } finally {
    await sql.end();
    await bench.stop();
  }
}

/** The registry-API-only way to build a tag page, as registry UIs without an index do it. */
function naiveClient(consoleUrl: string, registryUrl: string, repository: string, username: string, secret: string) {
  async function token(): Promise<string> {
    const res = await fetch(
      `${consoleUrl}/api/registry/token?service=registry-console&scope=repository:${repository}:pull`,
      {
        headers: { Authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}` },
      },
    );
    return ((await res.json()) as { token: string }).token;
  }
  // Registry tokens last 5 minutes; a page over 100,000 tags takes longer, so on a 401 the client
  // fetches a new token and retries, as docker does.
  let bearer = "";
  async function json<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(url, { headers: { ...headers, Authorization: `Bearer ${bearer}` } });
      if (res.status === 401 && attempt === 0) {
        await res.arrayBuffer();
        bearer = await token();
        continue;
      }
      if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
      return (await res.json()) as T;
    }
  }
  async function describe(names: string[]) {
    const out: Array<{ name: string; created: string }> = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: NAIVE_CONCURRENCY }, async () => {
        while (next < names.length) {
          const name = names[next++]!;
          const m = await json<{ config: { digest: string } }>(`${registryUrl}/v2/${repository}/manifests/${name}`, {
            Accept: ACCEPT,
          });
          const c = await json<{ created: string }>(`${registryUrl}/v2/${repository}/blobs/${m.config.digest}`);
          out.push({ name, created: c.created });
        }
      }),
    );
    return out;
  }
  return {
    /** The first page by newest image, optionally of the tags whose name contains `q`. */
    async page(q: string) {
      bearer = await token();
      const { tags } = await json<{ tags: string[] }>(`${registryUrl}/v2/${repository}/tags/list`);
      const names = q ? tags.filter((t) => t.toLowerCase().includes(q.toLowerCase())) : tags;
      const described = await describe(names);
      described.sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : a.name < b.name ? -1 : 1));
      return { names: described.slice(0, PAGE).map((d) => d.name), requests: 2 + 2 * names.length };
    },
    /** The first page by name: only its tags need describing. */
    async byNamePage() {
      bearer = await token();
      const { tags } = await json<{ tags: string[] }>(`${registryUrl}/v2/${repository}/tags/list`);
      return describe(tags.sort().slice(0, PAGE));
    },
  };
}
