import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { openApiClient } from "@/tests/helpers/api";
import { apiUser, type ApiUser } from "@/tests/helpers/api-fixtures";
import { buildImage, buildMultiPlatformImage, inspectRaw, pushImage, type LayerSpec } from "@/tests/helpers/oci-image";

/*
 * The storage figures against a recomputation from the registry itself: every tag's manifest read
 * back with `skopeo inspect --raw` (child manifests of an index too), sizes from the descriptors,
 * a manifest's own size the byte length of its raw JSON. Nothing here reads the console's index.
 */

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
let api: Awaited<ReturnType<typeof openApiClient>>;
let owner: ApiUser;
let operatorToken: string;

beforeAll(async () => {
  api = await openApiClient(c.url);
  owner = await apiUser("st");
  const { rows } = await db.query<{ id: string }>("select id from users where username = $1", [c.admin.username]);
  operatorToken = (
    await createPersonalAccessToken(rows[0]!.id, { description: "storage", scope: "read", expiry: "30" })
  ).secret;
});
afterAll(() => db.end());

const creds = (name: string) => ({
  registry: c.registryHost,
  repository: `${owner.username}/${name}`,
  username: owner.username,
  password: owner.password,
});
const sha256 = (s: string) => `sha256:${crypto.createHash("sha256").update(s).digest("hex")}`;
// Random bytes compress badly, so layers weigh what their content does.
const layer = (name: string, kb: number): LayerSpec => ({
  files: { [name]: crypto.randomBytes(kb * 512).toString("hex") },
});

type Closure = Map<string, number>;

/** Every digest one tag keeps stored, with its size, as the registry serves the manifests. */
async function closureOf(repository: string, ref: { tag?: string; digest?: string }): Promise<Closure> {
  const raw = await inspectRaw({ ...creds(repository), ...ref });
  const out: Closure = new Map([[sha256(raw), Buffer.byteLength(raw)]]);
  const image = (m: { config: { digest: string; size: number }; layers: Array<{ digest: string; size: number }> }) => {
    out.set(m.config.digest, m.config.size);
    for (const l of m.layers) out.set(l.digest, l.size);
  };
  const parsed = JSON.parse(raw);
  if (Array.isArray(parsed.manifests)) {
    for (const child of parsed.manifests as Array<{ digest: string; size: number }>) {
      out.set(child.digest, child.size);
      image(JSON.parse(await inspectRaw({ ...creds(repository), digest: child.digest })));
    }
  } else image(parsed);
  return out;
}

const bytesOf = (closure: Closure) => [...closure.values()].reduce((n, s) => n + s, 0);
/** Distinct bytes over the closures, and the naive sum (each tag's closure counted per tag). */
function expected(closures: Closure[]) {
  const union: Closure = new Map(closures.flatMap((cl) => [...cl]));
  return { unique_bytes: bytesOf(union), tagged_bytes: closures.reduce((n, cl) => n + bytesOf(cl), 0) };
}

/** Polls until the console is done counting (no pending tags, nothing queued), then returns the figures. */
async function settled<T extends { calculating: boolean }>(
  read: () => Promise<T>,
  until: (f: T) => boolean = () => true,
) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const f = await read();
    if ((!f.calculating && until(f)) || Date.now() > deadline) return f;
    await new Promise((r) => setTimeout(r, 200));
  }
}
const repositoryStorage = (name: string, until?: (f: { calculating: boolean; unique_bytes: number }) => boolean) =>
  settled(async () => {
    const r = await api.call("getRepository", owner.tokens.read, { params: { namespace: owner.username, name } });
    expect(r.status).toBe(200);
    return r.body.storage;
  }, until);
const namespaceStorage = () =>
  settled(async () => {
    const r = await api.call("getNamespaceStorage", owner.tokens.read, { params: { namespace: owner.username } });
    expect(r.status).toBe(200);
    return r.body;
  });
const siteStorage = () =>
  settled(async () => {
    const r = await api.call("getSiteStorage", operatorToken);
    expect(r.status).toBe(200);
    return r.body;
  });

describe("storage figures, from real pushes", () => {
  it("repository, namespace and site figures equal a recomputation from skopeo inspect --raw; deleting a tag lowers them and raises reclaimable", async () => {
    const base = layer("base.bin", 40);
    const one = await buildImage({ layers: [base, layer("one.bin", 10)] });
    const two = await buildImage({ layers: [base, layer("two.bin", 12)] });
    // A second repository with the same base layer (the registry mounts the blob it already has).
    const web = await buildImage({ layers: [base, layer("web.bin", 8)] });
    // A multi-platform index: its amd64 image shares the base layer too.
    const multi = await buildMultiPlatformImage({
      platforms: [
        { platform: { os: "linux", architecture: "amd64" }, layers: [base, layer("amd.bin", 6)] },
        { platform: { os: "linux", architecture: "arm64", variant: "v8" }, layers: [layer("arm.bin", 7)] },
      ],
    });
    await pushImage(one, { ...creds("app"), tag: "1.0" });
    await pushImage(two, { ...creds("app"), tag: "2.0" });
    await pushImage(two, { ...creds("app"), tag: "latest" });
    await pushImage(web, { ...creds("web"), tag: "1.0" });
    await pushImage(multi, { ...creds("multi"), tag: "latest" });

    const closures = {
      app1: await closureOf("app", { tag: "1.0" }),
      app2: await closureOf("app", { tag: "2.0" }),
      appLatest: await closureOf("app", { tag: "latest" }),
      web: await closureOf("web", { tag: "1.0" }),
      multi: await closureOf("multi", { tag: "latest" }),
    };
    // The recomputation saw what was pushed: the shared base layer, the index's two children.
    expect(closures.app1.get(one.layers[0]!.digest)).toBe(one.layers[0]!.size);
    expect(closures.web.has(one.layers[0]!.digest)).toBe(true);
    expect(closures.multi.has(multi.images[1]!.manifestDigest)).toBe(true);

    const app = expected([closures.app1, closures.app2, closures.appLatest]);
    expect(app.tagged_bytes).toBeGreaterThan(app.unique_bytes);
    expect(await repositoryStorage("app")).toEqual({ ...app, pending_tags: 0, calculating: false });
    expect(await repositoryStorage("web")).toEqual({
      ...expected([closures.web]),
      pending_tags: 0,
      calculating: false,
    });
    expect(await repositoryStorage("multi")).toEqual({
      ...expected([closures.multi]),
      pending_tags: 0,
      calculating: false,
    });
    // The namespace counts the base layer once across its three repositories.
    const all = Object.values(closures);
    const ns = await namespaceStorage();
    expect(ns).toEqual({
      namespace: owner.username,
      kind: "user",
      ...expected(all),
      pending_tags: 0,
      calculating: false,
      // No site default and no quota of its own.
      quota: "site_default",
      quota_bytes: null,
    });
    const webAlone = expected([closures.web]).unique_bytes;
    const multiAlone = expected([closures.multi]).unique_bytes;
    expect(ns.unique_bytes).toBe(app.unique_bytes + webAlone + multiAlone - 2 * one.layers[0]!.size);

    // Deleting 1.0 (its image is no other tag's) frees its manifest, config and own layer: the base
    // layer stays, reached by 2.0. The site's stored figure falls and reclaimable rises by as much.
    const before = await siteStorage();
    const freed = [...closures.app1].filter(([d]) => !all.some((cl) => cl !== closures.app1 && cl.has(d)));
    const freedBytes = freed.reduce((n, [, s]) => n + s, 0);
    expect(freed.map(([d]) => d)).not.toContain(one.layers[0]!.digest);

    // Asked before deleting: what 1.0 alone frees, in the repository (the base layer stays: 2.0
    // reaches it), the namespace and on disk; and what deleting the whole web repository would free
    // (not the base layer, which app still holds).
    const others =
      (...cls: Closure[]) =>
      (d: string) =>
        !cls.some((cl) => cl.has(d));
    const sum = (cl: Closure, keep: (d: string) => boolean) =>
      [...cl].filter(([d]) => keep(d)).reduce((n, [, size]) => n + size, 0);
    const impact = await api.call("getDeletionImpact", owner.tokens.read, {
      params: { namespace: owner.username, name: "app" },
      query: { tags: "1.0" },
    });
    expect(impact.status).toBe(200);
    expect(impact.body).toEqual({
      repository_bytes: sum(closures.app1, others(closures.app2, closures.appLatest)),
      namespace_bytes: freedBytes,
      disk_bytes: freedBytes,
      calculating: false,
    });
    const webImpact = await api.call("getDeletionImpact", owner.tokens.read, {
      params: { namespace: owner.username, name: "web" },
    });
    expect(webImpact.body).toEqual({
      repository_bytes: expected([closures.web]).unique_bytes,
      namespace_bytes: sum(closures.web, others(closures.app1, closures.app2, closures.appLatest, closures.multi)),
      disk_bytes: sum(closures.web, others(closures.app1, closures.app2, closures.appLatest, closures.multi)),
      calculating: false,
    });
    // 1.0 and 2.0 and latest together: everything app holds alone.
    const allApp = await api.call("getDeletionImpact", owner.tokens.read, {
      params: { namespace: owner.username, name: "app" },
      query: { tags: "latest,2.0,1.0" },
    });
    expect(allApp.body.repository_bytes).toBe(app.unique_bytes);

    const del = await api.call("deleteTag", owner.tokens.read_write_delete, {
      params: { namespace: owner.username, name: "app", tag: "1.0" },
    });
    expect(del.status).toBe(204);
    const appAfter = expected([closures.app2, closures.appLatest]);
    expect(await repositoryStorage("app", (f) => f.unique_bytes === appAfter.unique_bytes)).toEqual({
      ...appAfter,
      pending_tags: 0,
      calculating: false,
    });
    expect(appAfter.unique_bytes).toBe(app.unique_bytes - freedBytes);
    expect(await namespaceStorage()).toMatchObject(expected(all.filter((cl) => cl !== closures.app1)));
    const after = await siteStorage();
    expect(after.unique_bytes).toBe(before.unique_bytes - freedBytes);
    expect(after.reclaimable_bytes).toBe(before.reclaimable_bytes + freedBytes);
    expect(after.described_bytes).toBe(before.described_bytes);
  });

  it("an empty repository stores 0 B", async () => {
    const created = await api.call("createRepository", owner.tokens.read_write, {
      params: { namespace: owner.username },
      body: { name: "empty" },
    });
    expect(created.status).toBe(201);
    expect(created.body.storage).toEqual({ unique_bytes: 0, tagged_bytes: 0, pending_tags: 0, calculating: false });
  });

  it("a manifest described before references were recorded is re-read from the registry by the sweep", async () => {
    // What the previous version left: a tag on a manifest whose row has no references or sizes.
    const old = await buildImage({ layers: [layer("old.bin", 9)] });
    const next = await buildImage({ layers: [layer("next.bin", 5)] });
    await pushImage(old, { ...creds("legacy"), tag: "t" });
    const oldClosure = await closureOf("legacy", { tag: "t" });
    // The tag moves on, so no tag counts the old manifest while its row is taken back in time.
    await pushImage(next, { ...creds("legacy"), tag: "t" });
    const nextClosure = await closureOf("legacy", { tag: "t" });
    await repositoryStorage("legacy", (f) => f.unique_bytes === bytesOf(nextClosure));
    await db.query("delete from manifest_references where manifest_digest = $1", [old.manifestDigest]);
    await db.query("update image_manifests set manifest_size = null, total_size = null where digest = $1", [
      old.manifestDigest,
    ]);
    // A tag the previous version indexed on it (the registry still holds the manifest).
    await db.query(
      `insert into repository_tags (repository_id, name, digest, media_type, pushed_at)
       select r.id, 'old', $2, 'application/vnd.oci.image.manifest.v1+json', now()
       from repositories r join namespaces n on n.id = r.namespace_id where n.name = $1 and r.name = 'legacy'`,
      [owner.username, old.manifestDigest],
    );
    expect(
      await repositoryStorage("legacy", (f) => f.unique_bytes === expected([oldClosure, nextClosure]).unique_bytes),
    ).toEqual({ ...expected([oldClosure, nextClosure]), pending_tags: 0, calculating: false });
    const { rows } = await db.query("select manifest_size, total_size from image_manifests where digest = $1", [
      old.manifestDigest,
    ]);
    expect(rows[0]).toEqual({
      manifest_size: String(old.manifestBytes.length),
      total_size: String(bytesOf(oldClosure)),
    });
  });
});
