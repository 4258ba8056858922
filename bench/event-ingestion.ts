/**
 * Event-ingestion benchmark: registry notification envelopes of pull events posted at the console's
 * event endpoint as fast as the bench can send them, against a plain batched INSERT of the same
 * rows into PostgreSQL in the same run. Then checks that nothing was lost and nothing counted twice:
 * every envelope is also replayed (the registry retries deliveries it thinks failed), and the pull
 * counters must equal the number of distinct events exactly.
 *
 *   npm run bench:events        (SINGLE=10000 one-event envelopes, BATCHED=100000 events in envelopes of 100)
 */
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { benchUser, startBenchConsole } from "./lib/bench-console";
import { postEvents, pushEvent, StorageSeeder } from "./lib/registry-seed";
import { table, writeSection } from "./lib/results";
import { fmt } from "./lib/stats";

const SINGLE = Number(process.env.SINGLE ?? 10_000);
const BATCHED = Number(process.env.BATCHED ?? 100_000);
const BATCH = 100;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const MEDIA = "application/vnd.oci.image.manifest.v1+json";

const bench = await startBenchConsole({ env: { TRUST_PROXY: "0" } });
const sql = new pg.Pool({ connectionString: bench.db.url, max: CONCURRENCY });
try {
  const { instance } = bench;
  const user = await benchUser(`ev${Date.now().toString(36)}`);
  const repository = `${user.username}/app`;
  const created = await fetch(`${instance.url}/api/v1/namespaces/${user.username}/repositories`, {
    method: "POST",
    headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "app", visibility: "public" }),
  });
  if (created.status !== 201) throw new Error(`create repository: ${created.status}`);
  const seeder = new StorageSeeder(path.join(instance.dataDir, "registry", "storage"));
  const tags = ["latest", "1.0", "1.1", "2.0"].map((t, i) =>
    seeder.addTag(repository, t, new Date(Date.now() - 60_000 + i)),
  );
  await postEvents(
    instance.url,
    instance.eventsSecret,
    tags.map((t) => pushEvent(t, user.username)),
  );

  const pull = (i: number) => {
    const t = tags[i % tags.length]!;
    return {
      id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
      action: "pull",
      target: {
        mediaType: MEDIA,
        size: t.size,
        digest: t.digest,
        length: t.size,
        repository,
        url: `http://registry/v2/${repository}/manifests/${t.tag}`,
        tag: t.tag,
      },
      request: {
        id: crypto.randomUUID(),
        addr: "10.0.0.1:1234",
        host: "registry",
        method: "GET",
        useragent: "docker/27.0",
      },
      actor: { name: "anonymous-bench" },
      source: { addr: "registry:5000", instanceID: "bench" },
    };
  };
  const envelopes = (n: number, size: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i += size)
      out.push(JSON.stringify({ events: Array.from({ length: Math.min(size, n - i) }, (_, k) => pull(i + k)) }));
    return out;
  };
  async function send(bodies: string[], concurrency = CONCURRENCY): Promise<number> {
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const res = await fetch(`${instance.url}/api/registry/events`, {
            method: "POST",
            headers: {
              Authorization: `Bearer ${instance.eventsSecret}`,
              "Content-Type": "application/vnd.docker.distribution.events.v1+json",
            },
            body,
          });
          if (res.status !== 200) throw new Error(`events: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        }
      }),
    );
    return (performance.now() - start) / 1000;
  }
  const counts = async () => {
    const { rows } = await sql.query<{ events: number; tags: number; repo: number; days: number }>(
      `select (select count(*)::int from registry_events where action = 'pull') as events,
              (select coalesce(sum(pull_count), 0)::int from repository_tags) as tags,
              (select coalesce(sum(pull_count), 0)::int from repositories) as repo,
              (select coalesce(sum(pulls), 0)::int from repository_pull_days) as days`,
    );
    return rows[0]!;
  };

  /** Waits (up to 2 minutes) until the counters hold `expected` pulls; false if they never do. */
  const settled = async (expected: number): Promise<boolean> => {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const c = await counts();
      if (c.tags >= expected && c.repo >= expected && c.days >= expected) return true;
      await new Promise((r) => setTimeout(r, 5));
    }
    return false;
  };

  const rows: Array<Array<string | number>> = [];
  let expected = 0;
  const problems: string[] = [];
  for (const [label, n, size, concurrency] of [
    ["console, 1 event per envelope, 1 sender (how one registry delivers)", Math.round(SINGLE / 4), 1, 1],
    [`console, 1 event per envelope, ${CONCURRENCY} senders`, SINGLE, 1, CONCURRENCY],
    [`console, ${BATCH} events per envelope, 4 senders`, BATCHED, BATCH, 4],
    [`console, ${BATCH} events per envelope, ${CONCURRENCY} senders`, BATCHED, BATCH, CONCURRENCY],
  ] as const) {
    const bodies = envelopes(n, size);
    await send(envelopes(20 * size, size), concurrency); // warm-up: 20 envelopes, counted like the rest
    expected += 20 * size;
    await settled(expected);
    const started = performance.now();
    const acknowledged = await send(bodies, concurrency);
    expected += n;
    // The rate is events per second until every one is in the counters, not just acknowledged.
    const seconds = (await settled(expected)) ? (performance.now() - started) / 1000 : Infinity;
    // Every envelope again, as a registry retrying deliveries would: must count nothing.
    const replay = await send(bodies);
    await new Promise((r) => setTimeout(r, 1000)); // time for a (wrong) second count to land
    const c = await counts();
    const exact = c.events === expected && c.tags === expected && c.repo === expected && c.days === expected;
    if (!exact) problems.push(`${label}: expected ${expected}, got ${JSON.stringify(c)}`);
    rows.push([
      label,
      n.toLocaleString("en"),
      fmt(acknowledged, 2),
      fmt(seconds, 2),
      fmt(n / seconds, 0),
      `replayed all in ${fmt(replay, 2)} s; ${exact ? "counts exact" : "COUNTS WRONG"}`,
    ]);
  }

  // Baseline: the same rows straight into a copy of the events table (same columns, keys and indexes).
  await sql.query(`create table bench_events (like registry_events including all)`);
  const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => pull(i));
  const all = rowsOf(BATCHED);
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < all.length) {
        const batch = all.slice(next, (next += BATCH));
        await sql.query(
          `insert into bench_events (id, action, repository, tag, digest, media_type, size, actor, request_method, occurred_at, payload)
           select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::timestamptz[], $11::jsonb[])`,
          [
            batch.map((e) => e.id),
            batch.map((e) => e.action),
            batch.map((e) => e.target.repository),
            batch.map((e) => e.target.tag),
            batch.map((e) => e.target.digest),
            batch.map((e) => e.target.mediaType),
            batch.map((e) => e.target.size),
            batch.map((e) => e.actor.name),
            batch.map((e) => e.request.method),
            batch.map((e) => e.timestamp),
            batch.map((e) => JSON.stringify(e)),
          ],
        );
      }
    }),
  );
  const baseSeconds = (performance.now() - start) / 1000;
  rows.push([
    `plain batched INSERT (${BATCH} rows per statement, ${CONCURRENCY} connections)`,
    BATCHED.toLocaleString("en"),
    fmt(baseSeconds, 2),
    fmt(baseSeconds, 2),
    fmt(BATCHED / baseSeconds, 0),
    "baseline: storing only",
  ]);
  const rate = (row: number) => Number(String(rows[row]![4]).replace(/,/g, ""));
  const batchedRate = Math.max(rate(2), rate(3));
  const singleRate = rate(1);
  const baseRate = BATCHED / baseSeconds;

  writeSection(
    "event-ingestion",
    "Event ingestion",
    `${table(["what", "events", "acknowledged in s", "counted in s", "events/s (counted)", "check"], rows)}

- Console with envelopes of ${BATCH}: **${fmt((100 * batchedRate) / baseRate, 0)} %** of the plain INSERT rate; one event per envelope: ${fmt((100 * singleRate) / baseRate, 0)} %.
- Target: 10,000 events/s with nothing lost and nothing counted twice: **${batchedRate >= 10_000 && problems.length === 0 ? "met" : "missed"}** with envelopes of ${BATCH}${singleRate >= 10_000 ? "" : `; not with one event per envelope (${fmt(singleRate, 0)}/s)`}.
- Each event is a manifest \`GET\` by tag (a pull), spread over 4 tags of one repository; ${CONCURRENCY} concurrent senders on loopback. The console stores each event (idempotent by id) and queues each new pull in the same statement; a roll-up in the console process then adds the queued pulls to the per-tag, per-repository and per-UTC-day counters in batches (one transaction per batch, one roller at a time). The clock stops when the counters hold every event, not when the last envelope is acknowledged; the baseline only stores the rows.
- Checks after each run: stored pull events = tag pull counts = repository pull count = daily pulls = events sent (${problems.length === 0 ? "all equal" : problems.join("; ")}).`,
  );
  if (problems.length > 0) process.exitCode = 1;
} finally {
  await sql.end();
  await bench.stop();
}
