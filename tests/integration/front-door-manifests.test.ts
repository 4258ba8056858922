import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { acceptsMediaType } from "@/lib/front-door/manifest-from-storage";
import { ask, countingDoor, sameAnswer, sha256, uploadBlob, type CountingDoor } from "@/tests/helpers/door-compare";
import { uniqueName } from "@/tests/helpers/factory";
import { fetchRegistryToken } from "@/tests/helpers/registry-token";

/**
 * The console's door answers manifest GETs and HEADs from the registry's storage itself
 * (lib/front-door/manifest-from-storage.ts) when the registry would serve the stored manifest
 * unchanged. A client must not tell that from the registry: every request goes through the door
 * and straight to the registry, and the answers must have the same status, body and headers, for
 * each manifest type, Accept header, tag or digest, and after tags move and manifests go.
 */
const c = inject("console");
const storageDir = path.join(c.dataDir, "registry", "storage");
const T = {
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayer: "application/vnd.oci.image.layer.v1.tar+gzip",
};
/** What docker 28 sends when it pulls. */
const DOCKER_ACCEPT = [T.ociIndex, T.dockerList, T.ociManifest, T.dockerManifest].join(", ");
const ACCEPTS: (string | undefined)[] = [
  DOCKER_ACCEPT,
  undefined,
  T.ociManifest,
  T.dockerManifest,
  `${T.ociIndex};q=0.9, ${T.ociManifest} ; q=0.5`,
  "*/*",
  `${T.ociManifest};;`,
  `${T.ociManifest}; charset="utf-8"`,
  T.ociManifest.toUpperCase(),
];

const repo = `${c.admin.username}/${uniqueName("manifests")}`;
let token: string;
const tags: Record<string, string> = {}; // tag → digest

const json = (o: unknown) => Buffer.from(JSON.stringify(o));
const desc = (mediaType: string, b: Buffer, extra: object = {}) => ({
  mediaType,
  digest: sha256(b),
  size: b.length,
  ...extra,
});

async function putManifest(reference: string, mediaType: string, body: Buffer): Promise<string> {
  const res = await fetch(`${c.registryUrl}/v2/${repo}/manifests/${reference}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": mediaType },
    body: new Uint8Array(body),
  });
  expect(res.status, await res.text()).toBe(201);
  return sha256(body);
}

beforeAll(async () => {
  token = await fetchRegistryToken(c.url, [`repository:${repo}:pull,push,delete`], c.admin);
  const config = json({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } });
  const layer = crypto.randomBytes(2000);
  for (const b of [config, layer]) await uploadBlob(c.registryUrl, repo, token, b);
  const oci = json({
    schemaVersion: 2,
    mediaType: T.ociManifest,
    config: desc(T.ociConfig, config),
    layers: [desc(T.ociLayer, layer)],
  });
  const docker = json({
    schemaVersion: 2,
    mediaType: T.dockerManifest,
    config: desc(T.dockerConfig, config),
    layers: [desc(T.dockerLayer, layer)],
  });
  // No mediaType field: legal OCI, served by the registry with a type it infers (relayed).
  const bare = json({
    schemaVersion: 2,
    config: desc(T.ociConfig, config),
    layers: [desc(T.ociLayer, layer), desc(T.ociLayer, layer)],
  });
  tags.oci = await putManifest("oci", T.ociManifest, oci);
  tags.docker = await putManifest("docker", T.dockerManifest, docker);
  tags.bare = await putManifest("bare", T.ociManifest, bare);
  const platform = { architecture: "amd64", os: "linux" };
  tags.index = await putManifest(
    "index",
    T.ociIndex,
    json({ schemaVersion: 2, mediaType: T.ociIndex, manifests: [desc(T.ociManifest, oci, { platform })] }),
  );
  tags.list = await putManifest(
    "list",
    T.dockerList,
    json({ schemaVersion: 2, mediaType: T.dockerList, manifests: [desc(T.dockerManifest, docker, { platform })] }),
  );
});

const same = (method: string, target: string, headers: Record<string, string> = {}) =>
  sameAnswer(c.url, c.registryUrl, method, target, headers);
const withAccept = (accept: string | undefined): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  ...(accept === undefined ? {} : { accept }),
});

describe("manifest answers through the door are the registry's", () => {
  it("every manifest type, by tag and by digest, GET and HEAD, for every Accept header", async () => {
    let served = 0;
    for (const [tag, digest] of Object.entries(tags))
      for (const accept of ACCEPTS)
        for (const reference of [tag, digest])
          for (const method of ["GET", "HEAD"]) {
            const got = await same(method, `/v2/${repo}/manifests/${reference}`, withAccept(accept));
            if (got.status === 200) served++;
          }
    // Most combinations are served (the rest are the registry's 404s and rewrites, relayed).
    expect(served).toBeGreaterThan(80);
    const docker = await same("GET", `/v2/${repo}/manifests/docker`, withAccept(DOCKER_ACCEPT));
    expect(docker.headers).toMatchObject({
      "content-type": T.dockerManifest,
      "docker-content-digest": tags.docker,
      etag: `"${tags.docker}"`,
      "content-length": String(docker.body.length),
    });
    expect(sha256(docker.body)).toBe(tags.docker);
  });

  it("If-None-Match, unknown tags and digests, no token, a token for another repository", async () => {
    const auth = withAccept(DOCKER_ACCEPT);
    for (const inm of [`"${tags.oci}"`, tags.oci!, '"sha256:0"'])
      await same("GET", `/v2/${repo}/manifests/oci`, { ...auth, "if-none-match": inm });
    expect((await same("GET", `/v2/${repo}/manifests/nope`, auth)).status).toBe(404);
    expect((await same("HEAD", `/v2/${repo}/manifests/nope`, auth)).status).toBe(404);
    expect((await same("GET", `/v2/${repo}/manifests/sha256:${"0".repeat(64)}`, auth)).status).toBe(404);
    // A digest stored in the registry, but not in this repository.
    const other = `${c.admin.username}/${uniqueName("manifests")}`;
    const otherToken = await fetchRegistryToken(c.url, [`repository:${other}:pull`], c.admin);
    expect((await same("GET", `/v2/${repo}/manifests/oci`, { accept: DOCKER_ACCEPT })).status).toBe(401);
    expect(
      (await same("GET", `/v2/${repo}/manifests/oci`, { accept: DOCKER_ACCEPT, authorization: `Bearer ${otherToken}` }))
        .status,
    ).toBe(401);
    const elsewhere = await fetchRegistryToken(c.url, [`repository:${other}:pull,push`], c.admin);
    const res = await fetch(`${c.registryUrl}/v2/${other}/manifests/${tags.oci}`, {
      headers: { authorization: `Bearer ${elsewhere}`, accept: DOCKER_ACCEPT },
    });
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });

  it("a moved tag and a deleted manifest", async () => {
    const auth = withAccept(DOCKER_ACCEPT);
    await same("GET", `/v2/${repo}/manifests/oci`, auth);
    // Move `oci` to the index's digest: the next answer is the new manifest.
    const index = await ask(c.registryUrl, "GET", `/v2/${repo}/manifests/index`, auth);
    await putManifest("oci", T.ociIndex, index.body);
    const moved = await same("GET", `/v2/${repo}/manifests/oci`, auth);
    expect(moved.headers["docker-content-digest"]).toBe(tags.index);
    // Delete the Docker list by digest: its tag and the manifest answer 404 both ways.
    await same("GET", `/v2/${repo}/manifests/list`, auth);
    const del = await fetch(`${c.url}/v2/${repo}/manifests/${tags.list}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(del.status).toBe(202);
    expect((await same("GET", `/v2/${repo}/manifests/${tags.list}`, auth)).status).toBe(404);
    expect((await same("GET", `/v2/${repo}/manifests/list`, auth)).status).toBe(404);
    expect((await same("HEAD", `/v2/${repo}/manifests/list`, auth)).status).toBe(404);
  });
});

describe("which manifest requests the door answers from storage", () => {
  let door: CountingDoor;
  beforeAll(async () => void (door = await countingDoor(c.registryUrl, storageDir)));
  afterAll(() => door.close());

  it("docker's pull (HEAD by tag, GET by digest) with no registry request; anything uncertain through the registry", async () => {
    const auth = withAccept(DOCKER_ACCEPT);
    const head = await ask(door.url, "HEAD", `/v2/${repo}/manifests/docker`, auth);
    expect([head.status, head.headers["docker-content-digest"]]).toEqual([200, tags.docker]);
    const got = await ask(door.url, "GET", `/v2/${repo}/manifests/${tags.docker}`, auth);
    expect([got.status, sha256(got.body)]).toEqual([200, tags.docker]);
    expect((await ask(door.url, "GET", `/v2/${repo}/manifests/index`, auth)).status).toBe(200);
    expect(door.relayed()).toBe(0);
    // Relayed: no Accept (the registry may rewrite), If-None-Match, a manifest without its
    // mediaType, an unknown tag, no token.
    // (A Docker manifest by tag with no Accept: distribution 2.8 tries a schema 1 rewrite and fails, 400.)
    const noAccept = withAccept(undefined);
    expect((await ask(door.url, "GET", `/v2/${repo}/manifests/docker`, noAccept)).status).toBe(
      (await ask(c.registryUrl, "GET", `/v2/${repo}/manifests/docker`, noAccept)).status,
    );
    expect(
      (await ask(door.url, "GET", `/v2/${repo}/manifests/docker`, { ...auth, "if-none-match": tags.docker! })).status,
    ).toBe(304);
    expect((await ask(door.url, "GET", `/v2/${repo}/manifests/bare`, auth)).status).toBe(200);
    expect((await ask(door.url, "GET", `/v2/${repo}/manifests/nope`, auth)).status).toBe(404);
    expect((await ask(door.url, "GET", `/v2/${repo}/manifests/docker`, { accept: DOCKER_ACCEPT })).status).toBe(401);
    expect(door.relayed()).toBe(5);
  });

  it("reads an Accept header as the registry's parser does, or more strictly", () => {
    expect(acceptsMediaType(DOCKER_ACCEPT, T.dockerManifest)).toBe(true);
    expect(acceptsMediaType(`${T.ociManifest} ; q=0.5`, T.ociManifest)).toBe(true);
    expect(acceptsMediaType(T.ociManifest.toUpperCase(), T.ociManifest)).toBe(false);
    expect(acceptsMediaType(undefined, T.ociManifest)).toBe(false);
    expect(acceptsMediaType("*/*", T.ociManifest)).toBe(false);
    expect(acceptsMediaType(`${T.ociManifest};;`, T.ociManifest)).toBe(false);
    expect(acceptsMediaType(`${T.ociManifest}x`, T.ociManifest)).toBe(false);
  });
});
