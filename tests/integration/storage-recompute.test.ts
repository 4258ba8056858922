import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getNamespaceStorage, getRepositoryStorage, getSiteStorage } from "@/lib/data/storage";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { uniqueName } from "@/tests/helpers/factory";
import {
  MEDIA_TYPE,
  buildImage,
  buildMultiPlatformImage,
  inspectRaw,
  pushImage,
  type LayerSpec,
} from "@/tests/helpers/oci-image";

/**
 * The storage figures proved against the registry itself: after pushes into several repositories
 * of two namespaces (a base layer shared across repositories and namespaces, the same image in
 * both namespaces, a multi-platform index, a tag moved to another image, a deleted tag), every tag
 * is read back with `skopeo inspect --raw` (an index's children too), and the distinct bytes per
 * repository, per namespace and for the site, and the naive sum over tags, are recomputed from the
 * raw manifests alone. The API and lib/data/storage.ts must report exactly those numbers.
 */
const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let api: Awaited<ReturnType<typeof openApiClient>>;
let owner: ApiUser;
let operatorToken: string;
let org: string;

beforeAll(async () => {
  api = await openApiClient(c.url);
  owner = await apiUser("rco");
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  operatorToken = (
    await createPersonalAccessToken(rows[0]!.id, { description: "recompute", scope: "read", expiry: "30" })
  ).secret;
  org = uniqueName("rcorg");
  expect((await api.call("createOrganization", owner.tokens.read_write, { body: { name: org } })).status).toBe(201);
});
afterAll(() => db.end());

/** Waits until every change is counted and no tag is pending, site-wide. */
async function settle(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await db.query<{ busy: boolean }>(
      "select exists (select 1 from storage_changes) or exists (select 1 from storage_tags where total_size is null) as busy",
    );
    if (!rows[0]!.busy) return;
    if (Date.now() > deadline) throw new Error("storage figures never settled");
    await new Promise((r) => setTimeout(r, 200));
  }
}

const random = (n: number) => crypto.randomBytes(n).toString("hex");
const creds = { username: "", password: "" };
const ref = (repository: string, tag?: string, digest?: string) => ({
  registry: c.registryHost,
  repository,
  ...(digest ? { digest } : { tag }),
  ...creds,
});

type Blobs = Map<string, number>;
const sha = (raw: string) => `sha256:${crypto.createHash("sha256").update(raw).digest("hex")}`;

/** Every blob one tag keeps stored, from the registry's raw manifests: manifest, config, layers; an index's children too. */
async function tagBlobs(repository: string, tag: string): Promise<Blobs> {
  const blobs: Blobs = new Map();
  const addManifest = async (raw: string) => {
    blobs.set(sha(raw), Buffer.byteLength(raw));
    const m = JSON.parse(raw) as {
      mediaType?: string;
      config?: { digest: string; size: number };
      layers?: Array<{ digest: string; size: number }>;
      manifests?: Array<{ digest: string; size: number }>;
    };
    if (m.config) blobs.set(m.config.digest, m.config.size);
    for (const l of m.layers ?? []) blobs.set(l.digest, l.size);
    for (const child of m.manifests ?? []) {
      const childRaw = await inspectRaw(ref(repository, undefined, child.digest));
      expect(sha(childRaw)).toBe(child.digest);
      expect(Buffer.byteLength(childRaw)).toBe(child.size);
      await addManifest(childRaw);
    }
  };
  await addManifest(await inspectRaw(ref(repository, tag)));
  return blobs;
}

const sum = (b: Blobs) => [...b.values()].reduce((n, s) => n + s, 0);
const union = (...all: Blobs[]) => new Map(all.flatMap((b) => [...b]));

describe("storage figures against a recomputation from skopeo inspect --raw", () => {
  it("repositories, namespaces and the site: distinct bytes and the naive sum over tags", async () => {
    const me = owner.username;
    Object.assign(creds, { username: owner.username, password: owner.password });
    await settle();
    const before = await getSiteStorage();

    const base: LayerSpec = { files: { "base.bin": random(60_000) }, createdBy: "base" };
    const own = (n: number): LayerSpec => ({ files: { "own.bin": random(n) } });
    const [web1, web2, apiImg, old, moved, svc] = await Promise.all([
      buildImage({ layers: [base, own(20_000)] }),
      buildImage({ layers: [base, own(30_000)] }),
      buildImage({ layers: [base, own(10_000)] }),
      buildImage({ layers: [base, own(15_000)] }),
      buildImage({ layers: [own(25_000)] }),
      buildImage({ layers: [base, own(12_000)] }),
    ]);
    const multi = await buildMultiPlatformImage({
      platforms: [
        { platform: { os: "linux", architecture: "amd64" }, layers: [base, own(8_000)] },
        { platform: { os: "linux", architecture: "arm64", variant: "v8" }, layers: [base, own(9_000)] },
      ],
    });
    const push = (image: Parameters<typeof pushImage>[0], repository: string, tag: string) =>
      pushImage(image, { registry: c.registryHost, repository, tag, ...creds });
    await push(web1, `${me}/web`, "1");
    await push(web2, `${me}/web`, "2");
    // `latest` first names an image of its own, then moves to web2's: the first is left untagged.
    await push(moved, `${me}/web`, "latest");
    await push(web2, `${me}/web`, "latest");
    await push(apiImg, `${me}/api`, "1");
    await push(old, `${me}/api`, "old");
    await push(svc, `${org}/svc`, "1");
    // The same image in both namespaces.
    await push(web1, `${org}/svc`, "web-copy");
    await push(multi, `${org}/multi`, "1");
    await settle();
    const del = await api.call("deleteTag", owner.tokens.read_write_delete, {
      params: { namespace: me, name: "api", tag: "old" },
    });
    expect(del.status).toBe(204);
    await settle();

    // Every tag as the API lists it, then each one read back from the registry.
    const repositories = [
      [me, "web"],
      [me, "api"],
      [org, "svc"],
      [org, "multi"],
    ] as const;
    const perRepo = new Map<string, { blobs: Blobs; tagged: number }>();
    for (const [namespace, name] of repositories) {
      const tags = await api.call("listTags", owner.tokens.read, {
        params: { namespace, name },
        query: { page_size: 100 },
      });
      expect(tags.status).toBe(200);
      const names = tags.body.results.map((t: { name: string }) => t.name).sort();
      const blobs: Blobs[] = [];
      for (const tag of names) blobs.push(await tagBlobs(`${namespace}/${name}`, tag));
      perRepo.set(`${namespace}/${name}`, { blobs: union(...blobs), tagged: blobs.reduce((n, b) => n + sum(b), 0) });
    }
    // The deleted tag is gone; the moved tag names web2's image.
    expect([...perRepo.keys()]).toHaveLength(4);
    const apiTags = await api.call("listTags", owner.tokens.read, { params: { namespace: me, name: "api" } });
    expect(apiTags.body.results.map((t: { name: string }) => t.name)).toEqual(["1"]);
    expect((await tagBlobs(`${me}/web`, "latest")).has(web2.manifestDigest)).toBe(true);
    // The index's children were walked: both platforms' manifests are in multi's blobs.
    const multiBlobs = perRepo.get(`${org}/multi`)!.blobs;
    for (const child of multi.images) expect(multiBlobs.has(child.manifestDigest)).toBe(true);
    expect(multiBlobs.get(multi.indexDigest)).toBe(multi.indexBytes.length);
    expect(MEDIA_TYPE.index).toBe(multi.index.mediaType);

    // Repositories: the API's figure and lib/data's equal the recomputation.
    for (const [namespace, name] of repositories) {
      const want = perRepo.get(`${namespace}/${name}`)!;
      const r = await api.call("getRepository", owner.tokens.read, { params: { namespace, name } });
      expect(r.body.storage, `${namespace}/${name}`).toEqual({
        unique_bytes: sum(want.blobs),
        tagged_bytes: want.tagged,
        pending_tags: 0,
        calculating: false,
      });
      const { rows } = await db.query<{ id: string }>(
        "select r.id from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = $2",
        [namespace, name],
      );
      expect(await getRepositoryStorage(rows[0]!.id)).toMatchObject({
        uniqueBytes: sum(want.blobs),
        taggedBytes: want.tagged,
      });
    }
    // Namespaces: shared layers count once across their repositories.
    const nsWant = new Map<string, { blobs: Blobs; tagged: number }>();
    for (const ns of [me, org]) {
      const repos = [...perRepo].filter(([k]) => k.startsWith(`${ns}/`)).map(([, v]) => v);
      nsWant.set(ns, { blobs: union(...repos.map((r) => r.blobs)), tagged: repos.reduce((n, r) => n + r.tagged, 0) });
    }
    for (const [ns, want] of nsWant) {
      const r = await api.call("getNamespaceStorage", owner.tokens.read, { params: { namespace: ns } });
      expect(r.body, ns).toMatchObject({
        unique_bytes: sum(want.blobs),
        tagged_bytes: want.tagged,
        calculating: false,
      });
      expect(sum(want.blobs)).toBeLessThan(want.tagged);
      const { rows } = await db.query<{ id: string }>("select id from namespaces where name = $1", [ns]);
      expect(await getNamespaceStorage(rows[0]!.id)).toMatchObject({
        uniqueBytes: sum(want.blobs),
        taggedBytes: want.tagged,
      });
    }
    // The site: what these two namespaces added (their content is random, shared with no one else),
    // and the moved tag's old image and the deleted tag's own layer are reclaimable.
    const all = union(...[...nsWant.values()].map((n) => n.blobs));
    const tagged = [...nsWant.values()].reduce((n, v) => n + v.tagged, 0);
    const site = await api.call("getSiteStorage", operatorToken);
    expect(site.body.unique_bytes - before.uniqueBytes).toBe(sum(all));
    expect(site.body.tagged_bytes - before.taggedBytes).toBe(tagged);
    const after = await getSiteStorage();
    expect([after.uniqueBytes, after.taggedBytes]).toEqual([site.body.unique_bytes, site.body.tagged_bytes]);
    const blobsOf = (img: typeof old): Blobs =>
      new Map([
        [img.manifestDigest, img.manifestBytes.length],
        [img.configDigest, img.totalSize - img.layers.reduce((n, l) => n + l.size, 0)],
        ...img.layers.map((l) => [l.digest, l.size] as const),
      ]);
    const orphaned = union(blobsOf(moved), blobsOf(old));
    orphaned.delete(old.layers[0]!.digest); // the base layer, still tagged elsewhere
    expect(after.reclaimableBytes - before.reclaimableBytes).toBe(sum(orphaned));
  });
});
