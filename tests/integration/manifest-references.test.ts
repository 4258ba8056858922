import crypto from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createUser } from "@/lib/services/user/create";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, buildMultiPlatformImage, inspectRaw, pushImage } from "@/tests/helpers/oci-image";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

type Row = { digest: string; kind: string; manifest_size: string | null; total_size: string | null };
type RefRow = { manifest_digest: string; digest: string; kind: string; size: string; media_type: string };
const rowsOf = (digests: string[]) =>
  waitForRows<Row>(
    c.databaseUrl,
    "select digest, kind, manifest_size, total_size from image_manifests where digest = any($1) order by digest",
    [digests],
    (r) => r.length === digests.length && r.every((m) => m.manifest_size !== null),
    15_000,
  );
const referencesOf = async (digest: string) =>
  (
    await db.query<RefRow>(
      "select manifest_digest, digest, kind, size, media_type from manifest_references where manifest_digest = $1 order by digest",
      [digest],
    )
  ).rows.map((r) => ({ digest: r.digest, kind: r.kind, size: Number(r.size), mediaType: r.media_type }));
const byDigest = <T extends { digest: string }>(a: T[]) => a.toSorted((x, y) => (x.digest < y.digest ? -1 : 1));
const sum = (sizes: number[]) => sizes.reduce((n, s) => n + s, 0);

describe("the blob-level index", () => {
  it("records each manifest's config, layers and child manifests with the sizes of their descriptors; an index's children get rows of their own", async () => {
    const username = uniqueName("mr");
    await createUser({ username, email: `${username}@example.test`, password: `pw-${username}` });
    const creds = { registry: c.registryHost, repository: `${username}/refs`, username, password: `pw-${username}` };
    const shared = { files: { "shared.bin": crypto.randomBytes(2000).toString("hex") } };
    const index = await buildMultiPlatformImage({
      platforms: [
        { platform: { os: "linux", architecture: "amd64" }, layers: [shared, { files: { a: "amd64" } }] },
        // The same layer twice in one image: one reference, stored once.
        { platform: { os: "linux", architecture: "arm64", variant: "v8" }, layers: [shared, shared] },
      ],
    });
    await pushImage(index, { ...creds, tag: "multi" });
    const single = await buildImage({ layers: [shared] });
    await pushImage(single, { ...creds, tag: "single" });

    const raw = (digest: string) => inspectRaw({ ...creds, digest });
    const children = index.index.manifests.map((d) => d.digest);
    const rows = await rowsOf([index.indexDigest, ...children, single.manifestDigest]);
    expect(rows.map((r) => [r.digest, r.kind])).toEqual(
      byDigest([
        { digest: index.indexDigest, kind: "index" },
        ...children.map((digest) => ({ digest, kind: "image" })),
        { digest: single.manifestDigest, kind: "image" },
      ]).map((r) => [r.digest, r.kind]),
    );

    // What the registry serves, descriptor by descriptor.
    const indexRaw = await raw(index.indexDigest);
    const served = JSON.parse(indexRaw) as { manifests: Array<{ digest: string; size: number; mediaType: string }> };
    expect(await referencesOf(index.indexDigest)).toEqual(
      byDigest(
        served.manifests.map((d) => ({ digest: d.digest, kind: "manifest", size: d.size, mediaType: d.mediaType })),
      ),
    );
    const closure = new Map<string, number>([[index.indexDigest, Buffer.byteLength(indexRaw)]]);
    for (const child of [...children, single.manifestDigest]) {
      const text = await raw(child);
      const m = JSON.parse(text) as {
        config: { digest: string; size: number; mediaType: string };
        layers: Array<{ digest: string; size: number; mediaType: string }>;
      };
      const refs = new Map(
        [{ ...m.config, kind: "config" }, ...m.layers.map((l) => ({ ...l, kind: "layer" }))].map((r) => [
          r.digest,
          { digest: r.digest, kind: r.kind, size: r.size, mediaType: r.mediaType },
        ]),
      );
      expect(await referencesOf(child)).toEqual(byDigest([...refs.values()]));
      const row = rows.find((r) => r.digest === child)!;
      expect(Number(row.manifest_size)).toBe(Buffer.byteLength(text));
      expect(Number(row.total_size)).toBe(Buffer.byteLength(text) + sum([...refs.values()].map((r) => r.size)));
      if (child !== single.manifestDigest) {
        closure.set(child, Buffer.byteLength(text));
        for (const r of refs.values()) closure.set(r.digest, r.size);
      }
    }
    const top = rows.find((r) => r.digest === index.indexDigest)!;
    expect(Number(top.manifest_size)).toBe(Buffer.byteLength(indexRaw));
    // The index's total: itself, its children, their configs and layers, the shared layer once.
    expect(Number(top.total_size)).toBe(sum([...closure.values()]));
  });
});
