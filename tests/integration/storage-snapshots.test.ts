import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { takeStorageSnapshot } from "@/lib/services/storage/take-snapshot";
import { apiUser } from "@/tests/helpers/api-fixtures";
import { buildImage, pushImage } from "@/tests/helpers/oci-image";

/**
 * The daily storage snapshot (Admin → Storage's chart): one copy of the site's and every
 * namespace's figures per UTC day, whoever takes it and however often. Two console processes
 * taking the same day's at once write it once; a later look the same day writes nothing.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

/**
 * Until the roll-up has counted this namespace's push. Only its own: other test files push and
 * delete at the same time, and a tag elsewhere may stay undescribed for good.
 */
async function settle(namespaceId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ busy: boolean }>(
      `select exists (select 1 from storage_changes where namespace_id = $1)
         or exists (select 1 from storage_tags where namespace_id = $1 and total_size is null)
         or not exists (select 1 from storage_totals where scope = 'namespace' and scope_id = $1) as busy`,
      [namespaceId],
    );
    if (!rows[0]!.busy) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("storage figures never settled");
}

describe("daily storage snapshots", () => {
  it("copies the site's and each namespace's figures once per UTC day, even when taken twice at once", async () => {
    const owner = await apiUser("snap");
    const image = await buildImage({ layers: [{ files: { "a.txt": owner.username } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository: `${owner.username}/app`,
      tag: "1",
      username: owner.username,
      password: owner.password,
    });
    const { rows: ns } = await db.query<{ id: string }>("select namespace_id as id from users where id = $1", [
      owner.id,
    ]);
    await settle(ns[0]!.id);
    // A day of its own, so the console's loop (which takes today's) cannot interfere. Other files
    // change figures meanwhile, so only what this test controls is compared exactly: one of two
    // takers writes the day (a row per namespace and the site's), the other and a later one nothing.
    const day = new Date("2001-02-03T23:59:00Z");
    const written = await Promise.all([takeStorageSnapshot(day), takeStorageSnapshot(day)]);
    const { rows: count } = await db.query<{ n: number; site: number }>(
      "select count(*)::int as n, count(*) filter (where scope = 'site')::int as site from storage_snapshots where day = '2001-02-03'",
    );
    expect(written.sort((a, b) => a - b)).toEqual([0, count[0]!.n]);
    expect(count[0]!.site).toBe(1);
    expect(count[0]!.n).toBeGreaterThan(1);
    expect(await takeStorageSnapshot(day)).toBe(0);

    // This namespace's row is its figure: the image's bytes, as storage_totals has them.
    const { rows } = await db.query<{ unique_bytes: string; tagged_bytes: string; total: string }>(
      `select s.unique_bytes, s.tagged_bytes, t.unique_bytes as total from storage_snapshots s
       join storage_totals t on t.scope = 'namespace' and t.scope_id = s.scope_id
       where s.scope = 'namespace' and s.scope_id = $1 and s.day = '2001-02-03'`,
      [ns[0]!.id],
    );
    const bytes = image.manifestBytes.length + image.totalSize;
    expect(rows.map((r) => [Number(r.unique_bytes), Number(r.tagged_bytes), Number(r.total)])).toEqual([
      [bytes, bytes, bytes],
    ]);
  });
});
