/**
 * Storage benchmark: the storage figures of one namespace with 10,000 manifests and 100,000 blob
 * references (100 repositories × 100 tags, each tag its own image: a config and 9 layers, of
 * which 4 come from 20 base layers the whole namespace shares, 3 from 5 layers each repository
 * shares, 2 its own), read through the API, against recomputing them from the blob-level index on
 * every read (what the counters replace).
 *
 *   npm run bench:storage        (REPOS=100 TAGS_PER_REPO=100 RUNS=200)
 *
 * The index rows are written as the indexer writes them after describing each image (as the
 * tag-list bench does: describing 10,000 images through the registry is not what a read bench
 * measures); the tags are inserted as a reconciliation inserts them, so the storage triggers and
 * roll-up of the console count them exactly as they count pushes. The bench checks the console's
 * figures against the recomputation before timing anything.
 */
import crypto from "node:crypto";
import pg from "pg";
import { benchUser, startBenchConsole } from "./lib/bench-console";
import { table, writeSection } from "./lib/results";
import { fmt, median, summarize, timeRuns } from "./lib/stats";

const REPOS = Number(process.env.REPOS ?? 100);
const TAGS_PER_REPO = Number(process.env.TAGS_PER_REPO ?? 100);
const RUNS = Number(process.env.RUNS ?? 200);
const MANIFEST = "application/vnd.oci.image.manifest.v1+json";

const digest = (s: string) => `sha256:${crypto.createHash("sha256").update(s).digest("hex")}`;
// Deterministic sizes: a base layer of 20–80 MB, a repository's own layers 1–10 MB, an image's 10 kB–5 MB.
const size = (s: string, min: number, max: number) =>
  min + (crypto.createHash("md5").update(s).digest().readUInt32BE(0) % (max - min));

// The recomputation the counters replace: distinct digests the namespace's tags reach, summed.
const RECOMPUTE = `
  with tops as (
    select distinct t.digest from repository_tags t join repositories r on r.id = t.repository_id where r.namespace_id = $1),
  closure as (
    select m.digest, m.manifest_size as size from image_manifests m join tops on tops.digest = m.digest
    union select x.digest, x.size from manifest_references x join tops on x.manifest_digest = tops.digest
    union select c.digest, c.size from manifest_references x join tops on x.manifest_digest = tops.digest
      join manifest_references c on c.manifest_digest = x.digest where x.kind = 'manifest')
  select (select coalesce(sum(size), 0) from closure)::float8 as unique_bytes,
    (select coalesce(sum(m.total_size), 0) from repository_tags t join repositories r on r.id = t.repository_id
      join image_manifests m on m.digest = t.digest where r.namespace_id = $1)::float8 as tagged_bytes`;

const bench = await startBenchConsole({ env: { TRUST_PROXY: "0" } });
const sql = new pg.Pool({ connectionString: bench.db.url, max: 2 });
try {
  const { instance } = bench;
  const user = await benchUser(`sg${Date.now().toString(36)}`, "read_write");
  const ns = user.username;
  const auth = { Authorization: `Bearer ${user.token}` };
  const repoIds: string[] = [];
  for (let r = 0; r < REPOS; r++) {
    const res = await fetch(`${instance.url}/api/v1/namespaces/${ns}/repositories`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ name: `service-${String(r).padStart(3, "0")}`, visibility: "private" }),
    });
    if (res.status !== 201) throw new Error(`create repository: ${res.status} ${await res.text()}`);
  }
  const { rows: repos } = await sql.query<{ id: string; name: string }>(
    `select r.id, r.name from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 order by r.name`,
    [ns],
  );
  repoIds.push(...repos.map((r) => r.id));

  // The index rows the indexer writes for each image: the manifest and its 10 references.
  const t0 = performance.now();
  let references = 0;
  for (let r = 0; r < REPOS; r++) {
    const manifests: Array<[string, number, number]> = [];
    const refs: Array<[string, string, string, number]> = [];
    for (let t = 0; t < TAGS_PER_REPO; t++) {
      const m = digest(`${ns}/${r}/${t}`);
      const own = new Map<string, [string, number]>();
      own.set(digest(`config ${r}/${t}`), ["config", size(`c${r}/${t}`, 1_000, 10_000)]);
      for (let k = 0; k < 4; k++) {
        const b = (r * 7 + t * 3 + k * 5) % 20;
        own.set(digest(`base ${b}`), ["layer", size(`b${b}`, 20_000_000, 80_000_000)]);
      }
      for (let k = 0; k < 3; k++) {
        const d = (t + k) % 5;
        own.set(digest(`deps ${r}/${d}`), ["layer", size(`d${r}/${d}`, 1_000_000, 10_000_000)]);
      }
      for (let k = 0; k < 2; k++)
        own.set(digest(`own ${r}/${t}/${k}`), ["layer", size(`o${r}/${t}/${k}`, 10_000, 5_000_000)]);
      const manifestSize = 400 + 100 * own.size;
      const total = manifestSize + [...own.values()].reduce((n, [, s]) => n + s, 0);
      manifests.push([m, manifestSize, total]);
      for (const [d, [kind, s]] of own) refs.push([m, d, kind, s]);
    }
    references += refs.length;
    await sql.query(
      `insert into image_manifests (digest, media_type, kind, size, platforms, layer_count, manifest_size, total_size)
       select d, '${MANIFEST}', 'image', t - s, '[]', 9, s, t from unnest($1::text[], $2::bigint[], $3::bigint[]) as u(d, s, t)`,
      [manifests.map((m) => m[0]), manifests.map((m) => m[1]), manifests.map((m) => m[2])],
    );
    await sql.query(
      `insert into manifest_references (manifest_digest, digest, kind, size, media_type)
       select m, d, k, s, 'application/vnd.oci.image.layer.v1.tar+gzip' from unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) as u(m, d, k, s)`,
      [refs.map((x) => x[0]), refs.map((x) => x[1]), refs.map((x) => x[2]), refs.map((x) => x[3])],
    );
    // The tags, as a reconciliation inserts them: one statement per repository.
    await sql.query(
      `insert into repository_tags (repository_id, name, digest, media_type, pushed_at)
       select $1, 'v' || lpad(i::text, 4, '0'), d, '${MANIFEST}', now() from unnest($2::text[]) with ordinality as u(d, i)`,
      [repoIds[r], manifests.map((m) => m[0])],
    );
  }
  const seeded = (performance.now() - t0) / 1000;
  // The console's roll-up (every second, one batch after another) counts them.
  for (;;) {
    const { rows } = await sql.query<{ queued: number }>("select count(*)::int as queued from storage_changes");
    if (rows[0]!.queued === 0) break;
    if (performance.now() - t0 > 20 * 60_000)
      throw new Error(`still ${rows[0]!.queued} changes queued after 20 minutes`);
    await new Promise((res) => setTimeout(res, 200));
  }
  const counted = (performance.now() - t0) / 1000 - seeded;
  await sql.query("analyze");
  const tags = REPOS * TAGS_PER_REPO;
  console.log(
    `${tags} tags, ${references} references: seeded in ${seeded.toFixed(1)} s, counted ${counted.toFixed(1)} s later`,
  );

  const { rows: nsRow } = await sql.query<{ id: string }>("select id from namespaces where name = $1", [ns]);
  const nsId = nsRow[0]!.id;
  const recompute = async () =>
    (await sql.query<{ unique_bytes: number; tagged_bytes: number }>(RECOMPUTE, [nsId])).rows[0]!;
  const nsUrl = `${instance.url}/api/v1/namespaces/${ns}/storage`;
  const repoUrl = `${instance.url}/api/v1/repositories/${ns}/service-000`;
  const get = async (url: string) => {
    const res = await fetch(url, { headers: auth });
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    return (await res.json()) as { unique_bytes: number; tagged_bytes: number; calculating: boolean };
  };
  const expected = await recompute();
  const got = await get(nsUrl);
  if (got.calculating || got.unique_bytes !== expected.unique_bytes || got.tagged_bytes !== expected.tagged_bytes)
    throw new Error(`console ${JSON.stringify(got)} differs from the recomputation ${JSON.stringify(expected)}`);
  console.log(
    `namespace: ${got.unique_bytes} bytes stored, ${got.tagged_bytes} across tags (equal to the recomputation)`,
  );

  for (let i = 0; i < 10; i++) await get(nsUrl);
  const nsTimes = summarize(await timeRuns(RUNS, () => get(nsUrl)));
  for (let i = 0; i < 10; i++) await get(repoUrl);
  const repoTimes = summarize(await timeRuns(RUNS, () => get(repoUrl)));
  const dbTimes = summarize(
    await timeRuns(RUNS, () =>
      sql.query(
        `select unique_bytes, tagged_bytes, pending_tags, exists (select 1 from storage_changes where namespace_id = $1)
         from storage_totals where scope = 'namespace' and scope_id = $1`,
        [nsId],
      ),
    ),
  );
  const naive = await timeRuns(7, recompute);

  // What a change costs the roll-up with these tables: one tag moved to another image.
  const { rollUpStorage } = await import("@/lib/services/storage/roll-up");
  const moves: number[] = [];
  for (let i = 0; i < 20; i++) {
    await sql.query(`update repository_tags set digest = $2 where repository_id = $1 and name = 'v0001'`, [
      repoIds[0],
      digest(`${ns}/0/${(i % 2) * 50 + 1}`),
    ]);
    const t = performance.now();
    let n: number | null;
    do n = await rollUpStorage();
    while (n === null || (n === 0 && (await sql.query("select 1 from storage_changes limit 1")).rowCount));
    moves.push(performance.now() - t);
  }

  const verdict = nsTimes.p95 < 50 ? "met" : "missed";
  writeSection(
    "storage",
    `Storage figures: ${tags.toLocaleString("en")} manifests, ${references.toLocaleString("en")} references in one namespace`,
    [
      table(
        ["read", "p50 ms", "p95 ms", "p99 ms"],
        [
          [
            "`GET /api/v1/namespaces/<ns>/storage` (API, whole answer)",
            fmt(nsTimes.p50),
            fmt(nsTimes.p95),
            fmt(nsTimes.p99),
          ],
          [
            "`GET /api/v1/repositories/<ns>/<name>` (with its storage)",
            fmt(repoTimes.p50),
            fmt(repoTimes.p95),
            fmt(repoTimes.p99),
          ],
          [
            "the namespace's counter row, in the database alone",
            fmt(dbTimes.p50, 2),
            fmt(dbTimes.p95, 2),
            fmt(dbTimes.p99, 2),
          ],
          ["recomputing the namespace from the index on every read (median of 7)", fmt(median(naive)), "", ""],
        ],
      ),
      `- ${REPOS} repositories × ${TAGS_PER_REPO} tags, each tag its own image (config and 9 layers: 4 of 20 base layers shared by the namespace, 3 of 5 shared by the repository, 2 its own), ${references.toLocaleString("en")} references. Index rows written as the indexer writes them, tags inserted one statement per repository (as a reconciliation does); the console's storage roll-up counted them ${counted.toFixed(1)} s after seeding ended (${seeded.toFixed(1)} s).
- The API figures were checked equal to the recomputation (distinct bytes ${expected.unique_bytes.toLocaleString("en")}, across tags ${expected.tagged_bytes.toLocaleString("en")}) before timing; ${RUNS} sequential requests after 10 warm-ups, with a read-only personal access token, timed by the client on loopback.
- One tag moved to another image, then counted by the roll-up (called directly, 20 times): p50 ${fmt(median(moves))} ms, max ${fmt(Math.max(...moves))} ms.
- Target: storage figures of a namespace with 10,000 manifests and 100,000 blob references answered in < 50 ms at p95: **${verdict}** (API p95 ${fmt(nsTimes.p95)} ms).`,
    ].join("\n\n"),
  );
} finally {
  await sql.end();
  await bench.stop();
}
