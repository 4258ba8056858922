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

async function settle(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ busy: boolean }>(
      "select exists (select 1 from storage_changes) or exists (select 1 from storage_tags where total_size is null) as busy",
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
    await settle();
    // A day of its own, so the console's loop (which takes today's) cannot interfere.
    const day = new Date("2001-02-03T23:59:00Z");
    const written = await Promise.all([takeStorageSnapshot(day), takeStorageSnapshot(day)]);
    const { rows: totals } = await db.query<{ n: number }>(
      "select count(*)::int as n from storage_totals t where scope = 'namespace' and exists (select 1 from namespaces n where n.id = t.scope_id)",
    );
    expect(written.sort()).toEqual([0, totals[0]!.n + 1]);
    expect(await takeStorageSnapshot(day)).toBe(0);

    const { rows } = await db.query<{ scope: string; unique_bytes: string; tagged_bytes: string; same: boolean }>(
      `select s.scope, s.unique_bytes, s.tagged_bytes,
         (s.unique_bytes, s.tagged_bytes) = (coalesce(t.unique_bytes, 0), coalesce(t.tagged_bytes, 0)) as same
       from storage_snapshots s left join storage_totals t on t.scope = s.scope and t.scope_id = s.scope_id
       where s.day = '2001-02-03'`,
    );
    expect(rows.every((r) => r.same)).toBe(true);
    const mine = await db.query<{ unique_bytes: string }>(
      "select s.unique_bytes from storage_snapshots s join users u on u.namespace_id = s.scope_id where u.id = $1 and s.day = '2001-02-03'",
      [owner.id],
    );
    expect(Number(mine.rows[0]!.unique_bytes)).toBe(image.manifestBytes.length + image.totalSize);
    expect(rows.filter((r) => r.scope === "site")).toHaveLength(1);
  });
});
