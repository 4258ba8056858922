import crypto from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { rollUpStorage } from "@/lib/services/storage/roll-up";
import { uniqueName } from "@/tests/helpers/factory";

/*
 * The storage roll-up's bookkeeping under every order of events: tags pushed, moved and deleted
 * (one at a time and in bulk), manifests described before or after their tags (some first as rows
 * without references, as the previous version left them), repositories deleted, the roll-up run in
 * batches of any size in between. The index rows are written as the indexer writes them; the
 * figures must equal a recomputation from the test's own model of the same history. (The figures
 * against real pushes and `skopeo inspect --raw`: storage-figures.test.ts.)
 */

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 3 });
afterAll(() => db.end());

type Ref = { digest: string; kind: "config" | "layer" | "manifest"; size: number };
type Manifest = { digest: string; kind: "image" | "index"; size: number; refs: Ref[] };

function model(seed: number) {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
  const salt = crypto.randomBytes(4).toString("hex");
  const digest = (s: string) => `sha256:${crypto.createHash("sha256").update(`${salt}${s}`).digest("hex")}`;
  const layers = Array.from({ length: 20 }, (_, i) => ({ digest: digest(`layer${i}`), size: 1000 + i * 37 }));
  const images: Manifest[] = Array.from({ length: 24 }, (_, i) => {
    const refs = new Map<string, Ref>([
      [digest(`cfg${i}`), { digest: digest(`cfg${i}`), kind: "config", size: 300 + i }],
    ]);
    // A layer may come twice in one image: stored once.
    for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
      const l = pick(layers);
      if (!refs.has(l.digest)) refs.set(l.digest, { ...l, kind: "layer" });
    }
    return { digest: digest(`img${i}`), kind: "image", size: 500 + i, refs: [...refs.values()] };
  });
  const indexes: Manifest[] = Array.from({ length: 6 }, (_, i) => {
    const kids = new Map(
      Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(images)).map((m) => [m.digest, m]),
    );
    return {
      digest: digest(`idx${i}`),
      kind: "index",
      size: 700 + i,
      refs: [...kids.values()].map((k) => ({ digest: k.digest, kind: "manifest", size: k.size })),
    };
  });
  const all = new Map([...images, ...indexes].map((m) => [m.digest, m]));
  const closure = (d: string) => {
    const m = all.get(d)!;
    const out = new Map([[m.digest, m.size]]);
    for (const r of m.refs) {
      out.set(r.digest, r.size);
      if (r.kind === "manifest") for (const cr of all.get(r.digest)!.refs) out.set(cr.digest, cr.size);
    }
    return out;
  };
  const total = (d: string) => [...closure(d).values()].reduce((n, s) => n + s, 0);
  return { rnd, pick, all, closure, total };
}

describe("the storage roll-up", () => {
  it("keeps repository and namespace figures equal to a recomputation, whatever the order of pushes, moves, deletes and descriptions", async () => {
    for (const seed of [1, 2, 3]) {
      const { rnd, pick, all, closure, total } = model(seed);
      const described = new Set<string>();
      // Writes a manifest (with an index's children) the way the indexer does; `old` leaves the
      // row without references or sizes, as rows from before migration 0020 are.
      const describe = async (d: string, old: boolean) => {
        const m = all.get(d)!;
        const rows = m.kind === "index" ? [m, ...m.refs.map((r) => all.get(r.digest)!)] : [m];
        const client = await db.connect();
        try {
          await client.query("begin");
          for (const r of rows.toSorted((a, b) => (a.digest < b.digest ? -1 : 1))) {
            if (old && r !== m) continue;
            await client.query(
              `insert into image_manifests (digest, media_type, kind, size, platforms, layer_count, manifest_size, total_size)
               values ($1, 'application/vnd.oci.image.manifest.v1+json', $2, 0, '[]', 0, $3, $4)
               on conflict (digest) do update set manifest_size = excluded.manifest_size, total_size = excluded.total_size
               where image_manifests.manifest_size is null`,
              [r.digest, r.kind, old ? null : r.size, old ? null : total(r.digest)],
            );
            if (old) continue;
            for (const ref of r.refs)
              await client.query(
                `insert into manifest_references values ($1, $2, $3, $4, 'application/octet-stream') on conflict do nothing`,
                [r.digest, ref.digest, ref.kind, ref.size],
              );
            described.add(r.digest);
          }
          await client.query("commit");
        } finally {
          client.release();
        }
      };
      const namespaces: string[] = [];
      const repositories: Array<{ id: string; ns: string }> = [];
      const newRepository = async (ns: string) => {
        const { rows } = await db.query<{ id: string }>(
          `insert into repositories (namespace_id, name, visibility) values ($1, $2, 'private') returning id`,
          [ns, uniqueName("r")],
        );
        return { id: rows[0]!.id, ns };
      };
      for (let n = 0; n < 3; n++) {
        const { rows } = await db.query<{ id: string }>(
          `insert into namespaces (name, kind) values ($1, 'org') returning id`,
          [uniqueName("acct")],
        );
        namespaces.push(rows[0]!.id);
        for (let r = 0; r < 3; r++) repositories.push(await newRepository(rows[0]!.id));
      }
      const tags = new Map<string, { repo: string; ns: string; digest: string }>();
      const setTags = async (repo: { id: string; ns: string }, names: string[], digests: string[]) => {
        await db.query(
          `insert into repository_tags (repository_id, name, digest, media_type, pushed_at)
           select $1, n, d, 'application/vnd.oci.image.manifest.v1+json', now() from unnest($2::text[], $3::text[]) u(n, d)
           on conflict (repository_id, name) do update set digest = excluded.digest`,
          [repo.id, names, digests],
        );
        names.forEach((n, i) => tags.set(`${repo.id}/${n}`, { repo: repo.id, ns: repo.ns, digest: digests[i]! }));
      };
      const digests = [...all.keys()];
      for (let step = 0; step < 300; step++) {
        const p = rnd();
        if (p < 0.35) await setTags(pick(repositories), [`t${Math.floor(rnd() * 6)}`], [pick(digests)]);
        else if (p < 0.38) {
          const names = Array.from({ length: 5 }, (_, i) => `b${i}`);
          await setTags(
            pick(repositories),
            names,
            names.map(() => pick(digests)),
          );
        } else if (p < 0.52 && tags.size > 0) {
          const key = pick([...tags.keys()]);
          const [repo, name] = [key.slice(0, 36), key.slice(37)];
          await db.query("delete from repository_tags where repository_id = $1 and name = $2", [repo, name]);
          tags.delete(key);
        } else if (p < 0.72) {
          const d = pick(digests);
          if (!described.has(d)) await describe(d, rnd() < 0.3);
        } else if (p < 0.74) {
          const i = Math.floor(rnd() * repositories.length);
          await db.query("delete from repositories where id = $1", [repositories[i]!.id]);
          for (const [k, t] of tags) if (t.repo === repositories[i]!.id) tags.delete(k);
          repositories[i] = await newRepository(repositories[i]!.ns);
        } else if (p < 0.9) await rollUpStorage(1 + Math.floor(rnd() * 20));
      }
      // Until the queue is empty (the console's own roll-up may be applying a batch meanwhile).
      for (;;) {
        const n = await rollUpStorage();
        if (n === 0 && (await db.query("select 1 from storage_changes limit 1")).rowCount === 0) break;
      }

      const recomputed = (filter: (t: { repo: string; ns: string }) => boolean) => {
        const union = new Map<string, number>();
        let tagged = 0;
        let pending = 0;
        for (const t of tags.values()) {
          if (!filter(t)) continue;
          if (!described.has(t.digest)) pending += 1;
          else {
            for (const [d, s] of closure(t.digest)) union.set(d, s);
            tagged += total(t.digest);
          }
        }
        return { unique: [...union.values()].reduce((n, s) => n + s, 0), tagged, pending };
      };
      const { rows } = await db.query<{ scope: string; scope_id: string; u: number; t: number; p: number }>(
        `select scope, scope_id, unique_bytes::float8 as u, tagged_bytes::float8 as t, pending_tags as p
         from storage_totals where scope_id = any($1::uuid[])`,
        [[...repositories.map((r) => r.id), ...namespaces]],
      );
      const counted = (id: string) => {
        const r = rows.find((row) => row.scope_id === id);
        return { unique: r?.u ?? 0, tagged: r?.t ?? 0, pending: r?.p ?? 0 };
      };
      for (const r of repositories) expect(counted(r.id), `seed ${seed}`).toEqual(recomputed((t) => t.repo === r.id));
      for (const n of namespaces) expect(counted(n), `seed ${seed}`).toEqual(recomputed((t) => t.ns === n));
      const { rows: negative } = await db.query(
        "select (select count(*) from repository_blobs where tags <= 0) + (select count(*) from namespace_blobs where repositories <= 0) as n",
      );
      expect(Number(negative[0].n)).toBe(0);

      // Deleting the namespaces' repositories takes every figure of theirs to nothing.
      await db.query("delete from repositories where namespace_id = any($1::uuid[])", [namespaces]);
      while ((await rollUpStorage()) !== 0 || (await db.query("select 1 from storage_changes limit 1")).rowCount);
      const { rows: left } = await db.query(
        `select (select count(*) from storage_totals where scope_id = any($1::uuid[]))
          + (select count(*) from namespace_blobs where namespace_id = any($1::uuid[])) as n`,
        [namespaces],
      );
      expect(Number(left[0].n)).toBe(0);
      await db.query("delete from namespaces where id = any($1::uuid[])", [namespaces]);
    }
  });
});
