/**
 * Page benchmark: server response time of the pages people open most — dashboard, repository page,
 * tag list, image page — signed in, with 1,000 repositories and 10,000 tags in the console, and the
 * JavaScript each page makes the browser download (gzip), measured by loading it in Chromium.
 *
 *   npm run bench:pages       (REPOS=1000 TAGS_PER_REPO=10 RUNS=50)
 */
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "@playwright/test";
import pg from "pg";
import { benchUser, startBenchConsole } from "./lib/bench-console";
import { postEvents, pushEvent, StorageSeeder, type SeededTag } from "./lib/registry-seed";
import { table, writeSection } from "./lib/results";
import { fmt, summarize, timeRuns } from "./lib/stats";

const REPOS = Number(process.env.REPOS ?? 1000);
const TAGS_PER_REPO = Number(process.env.TAGS_PER_REPO ?? 10);
const RUNS = Number(process.env.RUNS ?? 50);

const bench = await startBenchConsole({ env: { TRUST_PROXY: "0" } });
const sql = new pg.Pool({ connectionString: bench.db.url, max: 2 });
try {
  const { instance } = bench;
  const user = await benchUser(`pg${Date.now().toString(36)}`, "read_write");
  const ns = user.username;
  const t0 = performance.now();
  // Repositories through the JSON API (the console's own create path), a quarter of them private.
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < REPOS) {
        const i = next++;
        const res = await fetch(`${instance.url}/api/v1/namespaces/${ns}/repositories`, {
          method: "POST",
          headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
          body: JSON.stringify({
            name: `service-${String(i).padStart(4, "0")}`,
            description: `Service ${i}`,
            visibility: i % 4 === 0 ? "private" : "public",
          }),
        });
        if (res.status !== 201) throw new Error(`create repository ${i}: ${res.status} ${await res.text()}`);
      }
    }),
  );
  const seeder = new StorageSeeder(path.join(instance.dataDir, "registry", "storage"));
  const tags: SeededTag[] = [];
  const start = Date.now() - REPOS * TAGS_PER_REPO * 1000;
  for (let r = 0; r < REPOS; r++)
    for (let t = 0; t < TAGS_PER_REPO; t++)
      tags.push(
        seeder.addTag(
          `${ns}/service-${String(r).padStart(4, "0")}`,
          `1.${t}.0`,
          new Date(start + (r * TAGS_PER_REPO + t) * 1000),
        ),
      );
  await postEvents(
    instance.url,
    instance.eventsSecret,
    tags.map((t) => pushEvent(t, ns)),
    500,
  );
  for (;;) {
    // Described, and counted by the storage roll-up, before anything is timed.
    const { rows } = await sql.query<{ n: number; queued: boolean }>(
      `select count(*)::int as n, exists (select 1 from storage_changes) as queued from image_manifests`,
    );
    if (rows[0]!.n >= tags.length && !rows[0]!.queued) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await sql.query("analyze");
  console.log(
    `seeded ${REPOS} repositories and ${tags.length} tags in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${instance.url}/signin`);
    await page.getByLabel("Username or email").fill(user.username);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

    const repo = `${ns}/service-0001`;
    const pages: Array<[string, string, string]> = [
      ["dashboard (1,000 repositories, page 1)", `/repositories?ns=${ns}`, "service-0999"],
      ["repository page", `/r/${repo}`, "service-0001"],
      ["tag list", `/r/${repo}/tags`, "1.9.0"],
      ["image page", `/r/${repo}/tags/1.9.0`, "sha256:"],
    ];
    const rows: Array<Array<string | number>> = [];
    let worstP95 = 0;
    let worstJs = 0;
    for (const [label, url, marker] of pages) {
      const get = async () => {
        const res = await fetch(instance.url + url, { headers: { cookie } });
        const html = await res.text();
        if (res.status !== 200 || !html.includes(marker))
          throw new Error(`${url}: ${res.status}, ${marker} not in the page`);
      };
      for (let i = 0; i < 5; i++) await get();
      const s = summarize(await timeRuns(RUNS, get));
      const js = await javascriptOf(browser, await context.cookies(), instance.url + url);
      worstP95 = Math.max(worstP95, s.p95);
      worstJs = Math.max(worstJs, js.gzip);
      rows.push([label, `\`${url.replace(ns, "<ns>")}\``, fmt(s.p50), fmt(s.p95), fmt(js.gzip / 1024, 1), js.files]);
    }
    writeSection(
      "pages",
      "Pages",
      `${table(["page", "URL", "p50 ms", "p95 ms", "JS (gzip KB)", "JS files"], rows)}

- ${REPOS.toLocaleString("en")} repositories (a quarter private) and ${tags.length.toLocaleString("en")} tags in one namespace, every image described in the index; signed in as the namespace's owner.
- Server time: ${RUNS} sequential requests per page after 5 warm-ups, the whole server-rendered HTML timed by the client on loopback.
- JavaScript: every script the page loads in Chromium (first visit, empty cache), each gzipped at level 6 and summed.
- Targets: p95 < 150 ms (worst here ${fmt(worstP95)} ms) and < 200 KB of JavaScript per page (worst here ${fmt(worstJs / 1024, 1)} KB): **${worstP95 < 150 && worstJs < 200 * 1024 ? "met" : "missed"}**.`,
    );
  } finally {
    await browser.close();
  }
} finally {
  await sql.end();
  await bench.stop();
}

/** Scripts a first visit downloads: a fresh browser context (empty cache) with the session cookie. */
async function javascriptOf(
  browser: import("@playwright/test").Browser,
  cookies: Parameters<import("@playwright/test").BrowserContext["addCookies"]>[0],
  url: string,
) {
  const context = await browser.newContext();
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    const scripts = new Map<string, Promise<Buffer>>();
    page.on("response", (res) => {
      if (res.request().resourceType() === "script" && res.ok()) scripts.set(res.url(), res.body());
    });
    await page.goto(url, { waitUntil: "networkidle" });
    let gzip = 0;
    for (const body of scripts.values()) gzip += zlib.gzipSync(await body, { level: 6 }).length;
    return { gzip, files: scripts.size };
  } finally {
    await context.close();
  }
}
