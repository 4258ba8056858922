/**
 * Tag retention benchmark: a dry run over 100,000 tags in one namespace (10 repositories × 10,000
 * tags, each tag its own image: a config and 2 layers, one of 50 layers the repository shares),
 * with known push and pull times, and four rules (the 50 most recently pushed, those pulled within
 * 30 days, `v*` tags always, and in `service-00*` those pushed within 60 days).
 *
 *   npm run bench:retention        (REPOS=10 TAGS_PER_REPO=10000 RUNS=5)
 *
 * Timed two ways: the whole dry run through the API (POST .../retention-runs, polled until the
 * run's record is written: queue, load, evaluation, bytes freed per repository, record), and in
 * this process the plan's parts (lib/data/retention-plan.ts): loading the facts, the pure
 * evaluation (lib/retention/evaluate.ts) and the deletion impact queries. Rows are seeded as the
 * storage bench seeds them (the indexer's rows; tags as a reconciliation inserts them), and the
 * console's storage roll-up counts them before anything is timed.
 */
import crypto from "node:crypto";
import pg from "pg";
import { benchUser, startBenchConsole } from "./lib/bench-console";
import { table, writeSection } from "./lib/results";
import { fmt, median, summarize } from "./lib/stats";

const REPOS = Number(process.env.REPOS ?? 10);
const TAGS_PER_REPO = Number(process.env.TAGS_PER_REPO ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 5);
const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const DAY = 86_400_000;

const digest = (s: string) => `sha256:${crypto.createHash("sha256").update(s).digest("hex")}`;
const size = (s: string, min: number, max: number) =>
  min + (crypto.createHash("md5").update(s).digest().readUInt32BE(0) % (max - min));

const bench = await startBenchConsole({ env: { TRUST_PROXY: "0" } });
const sql = new pg.Pool({ connectionString: bench.db.url, max: 2 });
try {
  const { instance } = bench;
  const user = await benchUser(`rt${Date.now().toString(36)}`, "read_write");
  const ns = user.username;
  const auth = { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" };
  for (let r = 0; r < REPOS; r++) {
    const res = await fetch(`${instance.url}/api/v1/namespaces/${ns}/repositories`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ name: `service-${String(r).padStart(3, "0")}`, visibility: "private" }),
    });
    if (res.status !== 201) throw new Error(`create repository: ${res.status} ${await res.text()}`);
  }
  const { rows: repos } = await sql.query<{ id: string; name: string }>(
    `select r.id, r.name from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 order by r.name`,
    [ns],
  );
  const t0 = performance.now();
  const now = Date.now();
  for (const [r, repo] of repos.entries()) {
    const manifests: Array<[string, number, number]> = [];
    const refs: Array<[string, string, string, number]> = [];
    const names: string[] = [];
    const pushed: string[] = [];
    const pulled: Array<string | null> = [];
    for (let t = 0; t < TAGS_PER_REPO; t++) {
      const m = digest(`${ns}/${r}/${t}`);
      const own: Array<[string, string, number]> = [
        [digest(`config ${r}/${t}`), "config", size(`c${r}/${t}`, 1_000, 10_000)],
        [digest(`shared ${r}/${t % 50}`), "layer", size(`s${r}/${t % 50}`, 1_000_000, 30_000_000)],
        [digest(`own ${r}/${t}`), "layer", size(`o${r}/${t}`, 10_000, 5_000_000)],
      ];
      const manifestSize = 700;
      manifests.push([m, manifestSize, manifestSize + own.reduce((n, [, , s]) => n + s, 0)]);
      for (const [d, kind, s] of own) refs.push([m, d, kind, s]);
      names.push(t % 100 === 0 ? `v1.${t}` : `build-${t}`);
      // Pushed over the last 400 days, newest last; one in seven pulled at some point in the last 90 days.
      pushed.push(new Date(now - ((TAGS_PER_REPO - t) * 400 * DAY) / TAGS_PER_REPO).toISOString());
      pulled.push(t % 7 === 0 ? new Date(now - (t % 90) * DAY).toISOString() : null);
    }
    await sql.query(
      `insert into image_manifests (digest, media_type, kind, size, platforms, layer_count, manifest_size, total_size)
       select d, '${MANIFEST}', 'image', t - s, '[]', 2, s, t from unnest($1::text[], $2::bigint[], $3::bigint[]) as u(d, s, t)`,
      [manifests.map((m) => m[0]), manifests.map((m) => m[1]), manifests.map((m) => m[2])],
    );
    await sql.query(
      `insert into manifest_references (manifest_digest, digest, kind, size, media_type)
       select m, d, k, s, 'application/vnd.oci.image.layer.v1.tar+gzip' from unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) as u(m, d, k, s)
       on conflict do nothing`,
      [refs.map((x) => x[0]), refs.map((x) => x[1]), refs.map((x) => x[2]), refs.map((x) => x[3])],
    );
    await sql.query(
      `insert into repository_tags (repository_id, name, digest, media_type, pushed_at, last_pulled_at)
       select $1, n, d, '${MANIFEST}', p, l from unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) as u(n, d, p, l)`,
      [repo.id, names, manifests.map((m) => m[0]), pushed, pulled],
    );
  }
  const seeded = (performance.now() - t0) / 1000;
  for (;;) {
    const { rows } = await sql.query<{ queued: number }>("select count(*)::int as queued from storage_changes");
    if (rows[0]!.queued === 0) break;
    if (performance.now() - t0 > 20 * 60_000) throw new Error(`still ${rows[0]!.queued} storage changes queued`);
    await new Promise((res) => setTimeout(res, 200));
  }
  const counted = (performance.now() - t0) / 1000 - seeded;
  await sql.query("analyze");
  const tags = REPOS * TAGS_PER_REPO;
  console.log(`${tags} tags seeded in ${seeded.toFixed(1)} s, counted ${counted.toFixed(1)} s later`);

  const rules = [
    { repository_pattern: "**", tag_pattern: "**", criterion: "latest_pushed", n: 50 },
    { repository_pattern: "**", tag_pattern: "**", criterion: "pulled_within_days", n: 30 },
    { repository_pattern: "**", tag_pattern: "v*", criterion: "always" },
    { repository_pattern: "service-00*", tag_pattern: "build-*", criterion: "pushed_within_days", n: 60 },
  ];
  const put = await fetch(`${instance.url}/api/v1/namespaces/${ns}/retention-policy`, {
    method: "PUT",
    headers: auth,
    body: JSON.stringify({ rules, schedule: { kind: "none" } }),
  });
  if (put.status !== 200) throw new Error(`policy: ${put.status} ${await put.text()}`);

  // The whole dry run through the API, from the request to the finished record.
  type Run = {
    id: string;
    status: string;
    retained: number;
    deleted: number;
    bytes_freed: number;
    repositories: number;
  };
  const dryRun = async (): Promise<{ ms: number; run: Run }> => {
    const t = performance.now();
    const res = await fetch(`${instance.url}/api/v1/namespaces/${ns}/retention-runs`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ dry_run: true }),
    });
    if (res.status !== 202) throw new Error(`start: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as Run;
    for (;;) {
      const got = await fetch(`${instance.url}/api/v1/namespaces/${ns}/retention-runs/${id}`, { headers: auth });
      const run = (await got.json()) as Run;
      if (run.status === "succeeded") return { ms: performance.now() - t, run };
      if (run.status === "failed") throw new Error(`run failed: ${JSON.stringify(run)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const api: number[] = [];
  let last: Run | null = null;
  for (let i = 0; i < RUNS; i++) {
    const { ms, run } = await dryRun();
    api.push(ms);
    last = run;
  }

  // The plan's parts, in this process.
  const { loadRetentionRepositories, getRetentionPolicy } = await import("@/lib/data/retention");
  const { evaluateRetention } = await import("@/lib/retention/evaluate");
  const { planRetention } = await import("@/lib/data/retention-plan");
  const { rows: nsRow } = await sql.query<{ id: string }>("select id from namespaces where name = $1", [ns]);
  const namespace = { id: nsRow[0]!.id, name: ns };
  const policy = await getRetentionPolicy(namespace.id);
  const load: number[] = [];
  const evaluate: number[] = [];
  const plan: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const repositories = await loadRetentionRepositories(namespace.id, { namespaceName: ns });
    load.push(performance.now() - t);
    t = performance.now();
    evaluateRetention({
      repositories,
      rules: policy.rules,
      immutable: () => null,
      untaggedListed: false,
      now: new Date(),
    });
    evaluate.push(performance.now() - t);
    t = performance.now();
    await planRetention(namespace, policy.rules, { now: new Date() });
    plan.push(performance.now() - t);
  }
  const a = summarize(api);
  const verdict = a.max < 10_000 ? "met" : "missed";
  console.log(
    `dry run over ${tags} tags: p50 ${fmt(a.p50)} ms, max ${fmt(a.max)} ms (${verdict}); ${JSON.stringify(last)}`,
  );
  writeSection(
    "retention",
    `Tag retention: a dry run over ${tags.toLocaleString("en")} tags in one namespace`,
    [
      table(
        ["step", "median ms", "max ms"],
        [
          [
            "dry run through the API: request → record written (queue, load, evaluate, bytes, record)",
            fmt(a.p50),
            fmt(a.max),
          ],
          ["plan in process: load + evaluate + bytes freed per repository", fmt(median(plan)), fmt(Math.max(...plan))],
          ["load the facts (tags with times, children)", fmt(median(load)), fmt(Math.max(...load))],
          ["evaluate the rules (pure function)", fmt(median(evaluate)), fmt(Math.max(...evaluate))],
        ],
      ),
      `- ${REPOS} repositories × ${TAGS_PER_REPO.toLocaleString("en")} tags, each its own image (config and 2 layers, one of 50 per repository shared); push times spread over 400 days, one tag in seven pulled within 90 days; ${rules.length} rules. ${RUNS} runs each.
- Result of the last dry run: ${last?.repositories} repositories, ${last?.retained.toLocaleString("en")} images kept, ${last?.deleted.toLocaleString("en")} would be deleted, ${last?.bytes_freed.toLocaleString("en")} bytes would be freed.
- Seeded in ${seeded.toFixed(1)} s; the console's storage roll-up counted the tags ${counted.toFixed(1)} s later (before timing).
- Target: a retention dry run over 100,000 tags in < 10 s: **${verdict}** (slowest ${fmt(a.max / 1000, 2)} s).`,
    ].join("\n\n"),
  );
} finally {
  await sql.end();
  await bench.stop();
}
