/**
 * Build trigger latency: how long from a Git host's push webhook to its build starting.
 *
 *   npm run bench:build-trigger        (N=40)
 *
 * N signed GitHub push webhooks (POST /api/build-hooks/{namespace}/{name}), one after another, each
 * sent once the previous build has finished, so the build worker is idle every time. Timed: from
 * sending the webhook to the build's started_at (the worker's claim, queued → cloning), read from
 * the database every 25 ms; and the webhook's own answer time. The builds fail at once on purpose:
 * the Git URL is a closed port on this machine (builds.allow_private_git on), so what is measured
 * is the trigger and the queue, not a clone. Target: < 2 s p95.
 */
import crypto from "node:crypto";
import pg from "pg";
import { benchUser, startBenchConsole } from "./lib/bench-console";
import { table, writeSection } from "./lib/results";
import { fmt, summarize } from "./lib/stats";

const N = Number(process.env.N ?? 40);
const POLL_MS = 25;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const bench = await startBenchConsole();
const sql = new pg.Pool({ connectionString: bench.db.url, max: 2 });
try {
  const { instance } = bench;
  const { updateSiteSetting } = await import("@/lib/services/site-setting/update");
  const { rows: ops } = await sql.query<{ id: string }>("select id from users where username = $1", [
    instance.admin.username,
  ]);
  const operator = { kind: "user" as const, userId: ops[0]!.id, isAdmin: true };
  await updateSiteSetting(operator, "builds.enabled", true);
  await updateSiteSetting(operator, "builds.allow_private_git", true);

  const user = await benchUser(`bt${Date.now().toString(36)}`, "read_write");
  const ns = user.username;
  const auth = { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" };
  const api = async (method: string, path: string, body: unknown, want: number) => {
    const res = await fetch(`${instance.url}/api/v1${path}`, { method, headers: auth, body: JSON.stringify(body) });
    if (res.status !== want) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  await api("POST", `/namespaces/${ns}/repositories`, { name: "app", visibility: "private" }, 201);
  const saved = await api(
    "PUT",
    `/repositories/${ns}/app/build-settings`,
    { git_url: "https://127.0.0.1:9/acme/app.git", credential_kind: "none" },
    200,
  );
  const secret = String(saved.webhook_secret);
  await api(
    "POST",
    `/repositories/${ns}/app/build-rules`,
    { source_type: "branch", source_name: "main", tag_template: "{branch}-{sha7}" },
    201,
  );
  const { rows: repoRows } = await sql.query<{ id: string }>(
    "select r.id from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = 'app'",
    [ns],
  );
  const repositoryId = repoRows[0]!.id;

  type Row = { status: string; started_at: Date | null; finished_at: Date | null };
  const buildRow = async (number: number): Promise<Row | undefined> =>
    (
      await sql.query<Row>(
        "select status, started_at, finished_at from builds where repository_id = $1 and number = $2",
        [repositoryId, number],
      )
    ).rows[0];

  const toStart: number[] = [];
  const answer: number[] = [];
  const toFinish: number[] = [];
  const errors = new Set<string>();
  for (let i = 0; i < N; i++) {
    const body = JSON.stringify({
      ref: "refs/heads/main",
      after: crypto.randomBytes(20).toString("hex"),
      deleted: false,
      head_commit: null,
    });
    const mac = crypto.createHmac("sha256", secret).update(body).digest("hex");
    const sent = Date.now();
    const t = performance.now();
    const res = await fetch(`${instance.url}/api/build-hooks/${ns}/app`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-GitHub-Event": "push", "X-Hub-Signature-256": `sha256=${mac}` },
      body,
    });
    const json = (await res.json()) as { builds?: Array<{ number: number }> };
    answer.push(performance.now() - t);
    if (res.status !== 202 || json.builds?.length !== 1)
      throw new Error(`webhook: ${res.status} ${JSON.stringify(json)}`);
    const number = json.builds[0]!.number;
    let row: Row | undefined;
    for (const deadline = Date.now() + 60_000; ; await sleep(POLL_MS)) {
      row = await buildRow(number);
      if (row?.started_at && row.finished_at) break;
      if (Date.now() > deadline) throw new Error(`build #${number} still ${row?.status} after 60 s`);
    }
    toStart.push(row.started_at!.getTime() - sent);
    toFinish.push(row.finished_at!.getTime() - row.started_at!.getTime());
    const { rows: e } = await sql.query<{ error: string | null }>(
      "select error from builds where repository_id = $1 and number = $2",
      [repositoryId, number],
    );
    errors.add(`${row.status}: ${(e[0]?.error ?? "").split("\n")[0]!.slice(0, 100)}`);
  }

  const s = summarize(toStart);
  const a = summarize(answer);
  const f = summarize(toFinish);
  const verdict = s.p95 < 2000 ? "met" : "missed";
  console.log(`webhook → started_at over ${N} pushes: p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms (${verdict})`);
  writeSection(
    "build-trigger",
    `Build trigger: ${N} signed GitHub push webhooks, each to its build's start`,
    [
      table(
        ["step", "p50 ms", "p95 ms", "max ms"],
        [
          ["webhook sent → build started (started_at, worker idle)", fmt(s.p50), fmt(s.p95), fmt(s.max)],
          ["webhook answered (202, one build queued)", fmt(a.p50), fmt(a.p95), fmt(a.max)],
          ["build started → finished (fails at once: closed port)", fmt(f.p50), fmt(f.p95), fmt(f.max)],
        ],
      ),
      `- One repository, one rule (branch main → {branch}-{sha7}); each webhook sent once the previous build finished; the build row polled every ${POLL_MS} ms (its started_at is the console's clock, the same machine's as the sender's). Console as shipped (JOB_POLL_MS 1000; the enqueue wakes the worker after its commit), BUILD_CONCURRENCY 1.
- How the builds ended: ${[...errors].join("; ")}.
- Target: a push webhook to its build's start < 2 s p95: **${verdict}** (p95 ${fmt(s.p95)} ms).`,
    ].join("\n\n"),
  );
} finally {
  await sql.end();
  await bench.stop();
}
