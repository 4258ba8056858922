import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "@/db/migrate";
import { CLAIM_JOBS_SQL } from "@/lib/services/job/claim";
import { applyStorageChanges } from "@/lib/services/storage/roll-up";
import { startEmbeddedDb, type EmbeddedDb } from "@/lib/runtime/embedded-db";
import { freePort } from "@/tests/harness/free-port";
import { createTestDatabase, type TestDatabase } from "@/tests/harness/test-database";

/**
 * What the app relies on from the database, checked on both engines it runs on: a real
 * PostgreSQL server and the embedded PGlite served over the wire protocol.
 */
let embedded: EmbeddedDb;
let server: TestDatabase;

beforeAll(async () => {
  embedded = await startEmbeddedDb({
    dataDir: await fs.mkdtemp(path.join(os.tmpdir(), "rcp-pglite-")),
    port: await freePort(),
  });
  server = await createTestDatabase("rcp_engine");
});
afterAll(async () => {
  await embedded?.stop();
  await server?.drop();
});

const engines = () => [
  { name: "PostgreSQL server", url: server.url },
  { name: "embedded PGlite", url: embedded.url },
];

describe.each(["PostgreSQL server", "embedded PGlite"])("%s", (name) => {
  const url = () => engines().find((e) => e.name === name)!.url;
  const connect = async () => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    return client;
  };

  it("applies the committed migrations, twice without harm", async () => {
    await runMigrations(url());
    await runMigrations(url());
    const client = await connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
      expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["namespaces", "registry_events", "users"]));
    } finally {
      await client.end();
    }
  });

  it("commits and rolls back transactions, and enforces constraints", async () => {
    const client = await connect();
    try {
      await client.query("begin");
      await client.query("insert into namespaces (name, kind) values ('rollbackns', 'user')");
      await client.query("rollback");
      expect((await client.query("select 1 from namespaces where name = 'rollbackns'")).rowCount).toBe(0);
      await client.query("begin");
      await client.query("insert into namespaces (name, kind) values ('commitns', 'org')");
      await client.query("commit");
      expect((await client.query("select kind from namespaces where name = 'commitns'")).rows).toEqual([
        { kind: "org" },
      ]);
      await expect(client.query("insert into namespaces (name, kind) values ('commitns', 'user')")).rejects.toThrow(
        /duplicate key/,
      );
      await expect(client.query("insert into namespaces (name, kind) values ('Bad Name', 'user')")).rejects.toThrow(
        /namespaces_name_format/,
      );
    } finally {
      await client.end();
    }
  });

  it("runs the job queue's claim: due jobs only, leased, and a lapsed lease is taken again", async () => {
    const client = await connect();
    try {
      await client.query("delete from jobs");
      await client.query(
        `insert into jobs (queue, payload, max_attempts, run_at) values
           ('email', '{"n":1}', 3, now() - interval '1 second'), ('email', '{"n":2}', 3, now() + interval '1 hour'), ('webhook-delivery', '{"n":3}', 3, now())`,
      );
      const first = await client.query(CLAIM_JOBS_SQL, ["email", "w1", 10, 0.2]);
      expect(first.rows.map((r) => [r.payload.n, r.attempts])).toEqual([[1, 1]]);
      expect((await client.query(CLAIM_JOBS_SQL, ["email", "w2", 10, 30])).rows).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      // w1 "died" holding the job: once its lease lapsed, another worker claims it, counting a second attempt.
      const again = await client.query(CLAIM_JOBS_SQL, ["email", "w2", 10, 30]);
      expect(again.rows.map((r) => [r.payload.n, r.attempts])).toEqual([[1, 2]]);
      expect((await client.query("select locked_by from jobs where payload->>'n' = '1'")).rows).toEqual([
        { locked_by: "w2" },
      ]);
    } finally {
      await client.end();
    }
  });

  it("supports row locks with FOR UPDATE SKIP LOCKED and ON CONFLICT DO NOTHING", async () => {
    const client = await connect();
    try {
      await client.query(
        "insert into registry_events (id, action, repository, occurred_at, payload) values ('lock-1', 'push', 'a/b', now(), '{}'), ('lock-2', 'push', 'a/b', now(), '{}') on conflict do nothing",
      );
      const dup = await client.query(
        "insert into registry_events (id, action, repository, occurred_at, payload) values ('lock-1', 'push', 'a/b', now(), '{}') on conflict do nothing returning id",
      );
      expect(dup.rowCount).toBe(0);
      await client.query("begin");
      const locked = await client.query(
        "select id from registry_events where id like 'lock-%' order by id limit 1 for update skip locked",
      );
      expect(locked.rows).toEqual([{ id: "lock-1" }]);
      await client.query("commit");
    } finally {
      await client.end();
    }
  });

  it("counts storage: the triggers queue tag changes and described manifests, and the roll-up applies them", async () => {
    const client = await connect();
    try {
      const ns = `eng${Date.now().toString(36)}`;
      const [{ id: nsId }] = (
        await client.query("insert into namespaces (name, kind) values ($1, 'org') returning id", [ns])
      ).rows;
      const [{ id: repoId }] = (
        await client.query(
          "insert into repositories (namespace_id, name, visibility) values ($1, 'app', 'private') returning id",
          [nsId],
        )
      ).rows;
      const [m1, m2, layer] = ["m1", "m2", "layer"].map((s) => `sha256:${ns}${s}`);
      await client.query(
        `insert into image_manifests (digest, media_type, kind, size, platforms, layer_count, manifest_size, total_size)
         values ($1, 'x', 'image', 100, '[]', 1, 10, 110), ($2, 'x', 'image', 100, '[]', 1, 20, 120)`,
        [m1, m2],
      );
      await client.query(
        "insert into manifest_references values ($1, $3, 'layer', 100, 'x'), ($2, $3, 'layer', 100, 'x')",
        [m1, m2, layer],
      );
      await client.query(
        `insert into repository_tags (repository_id, name, digest, media_type, pushed_at)
         values ($1, 'a', $2, 'x', now()), ($1, 'b', $3, 'x', now()), ($1, 'c', 'sha256:undescribed', 'x', now())`,
        [repoId, m1, m2],
      );
      await client.query("begin");
      expect(await applyStorageChanges(client, 1000)).toBeGreaterThanOrEqual(3);
      await client.query("commit");
      const totals = async () =>
        (
          await client.query(
            "select scope, unique_bytes::int as u, tagged_bytes::int as t, pending_tags as p from storage_totals where scope_id = any($1) order by scope",
            [[nsId, repoId]],
          )
        ).rows;
      // The layer once, both manifests; each tag's total; the undescribed tag pending.
      expect(await totals()).toEqual([
        { scope: "namespace", u: 130, t: 230, p: 1 },
        { scope: "repository", u: 130, t: 230, p: 1 },
      ]);
      await client.query("delete from repositories where id = $1", [repoId]);
      await client.query("begin");
      await applyStorageChanges(client, 1000);
      await client.query("commit");
      expect(await totals()).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

describe("PostgreSQL server, two connections", () => {
  it("skips rows another transaction has locked", async () => {
    await runMigrations(server.url);
    const a = new pg.Client({ connectionString: server.url });
    const b = new pg.Client({ connectionString: server.url });
    await a.connect();
    await b.connect();
    try {
      await a.query(
        "insert into registry_events (id, action, repository, occurred_at, payload) values ('skip-1', 'push', 'a/b', now(), '{}'), ('skip-2', 'push', 'a/b', now(), '{}') on conflict do nothing",
      );
      await a.query("begin");
      await b.query("begin");
      const first = await a.query(
        "select id from registry_events where id like 'skip-%' order by id limit 1 for update skip locked",
      );
      const second = await b.query(
        "select id from registry_events where id like 'skip-%' order by id limit 1 for update skip locked",
      );
      expect(first.rows).toEqual([{ id: "skip-1" }]);
      expect(second.rows).toEqual([{ id: "skip-2" }]);
      await a.query("commit");
      await b.query("commit");
    } finally {
      await a.end();
      await b.end();
    }
  });
});
