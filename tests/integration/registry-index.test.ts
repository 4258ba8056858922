import crypto from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { getImageDetail } from "@/lib/data/image-details";
import { startRegistry } from "@/lib/runtime/registry-process";
import { reconcileIndex } from "@/lib/services/index-reconciliation/reconcile";
import { createUser } from "@/lib/services/user/create";
import { mintRegistryToken } from "@/lib/registry/token-signer";
import { waitForRows } from "@/tests/helpers/db";
import { uniqueName } from "@/tests/helpers/factory";
import { freePort } from "@/tests/harness/free-port";
import { buildImage, buildMultiPlatformImage, inspectRaw, pushImage, skopeoRun } from "@/tests/helpers/oci-image";

const c = inject("console");
const db = new pg.Pool({ connectionString: c.databaseUrl, max: 2 });
afterAll(() => db.end());

async function newOwner() {
  const username = uniqueName("ix");
  const password = `pw-${username}`;
  await createUser({ username, email: `${username}@example.test`, password });
  return { username, password };
}

type TagRow = {
  name: string;
  digest: string;
  pull_count: string;
  last_pulled_at: Date | null;
  kind: string | null;
  size: string | null;
  platforms: Array<{ os: string; architecture: string; variant?: string; size: number; digest: string }> | null;
  layer_count: number | null;
};
const TAG_SQL = `select t.name, t.digest, t.pull_count, t.last_pulled_at, m.kind, m.size, m.platforms, m.layer_count
  from repository_tags t join repositories r on r.id = t.repository_id join namespaces n on n.id = r.namespace_id
  left join image_manifests m on m.digest = t.digest where n.name || '/' || r.name = $1 order by t.name`;
const tagsOf = (repository: string, until: (rows: TagRow[]) => boolean) =>
  waitForRows<TagRow>(c.databaseUrl, TAG_SQL, [repository], until, 15_000);

describe("the registry index, fed by the registry's own events", () => {
  it("a 5-layer image with empty-layer history: digest, size, layer order, history alignment and platform match the registry", async () => {
    const o = await newOwner();
    const repository = `${o.username}/five`;
    const image = await buildImage({
      layers: [0, 1, 2, 3, 4].map((i) => ({
        files: { [`f${i}.txt`]: crypto.randomBytes(200 * (i + 1)).toString("hex") },
        createdBy: `/bin/sh -c echo layer ${i}`,
      })),
      emptyHistory: [
        { afterLayer: -1, createdBy: "/bin/sh -c #(nop)  ARG VERSION" },
        { afterLayer: 1, createdBy: "/bin/sh -c #(nop)  ENV A=1" },
        { afterLayer: 1, createdBy: "/bin/sh -c #(nop)  WORKDIR /app" },
        { afterLayer: 4, createdBy: '/bin/sh -c #(nop)  CMD ["sh"]' },
      ],
    });
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "1.0",
      username: o.username,
      password: o.password,
    });
    const raw = await inspectRaw({
      registry: c.registryHost,
      repository,
      tag: "1.0",
      username: o.username,
      password: o.password,
    });
    const config = JSON.parse(
      await inspectRaw(
        { registry: c.registryHost, repository, tag: "1.0", username: o.username, password: o.password },
        undefined,
        { config: true },
      ),
    );
    const manifest = JSON.parse(raw) as { layers: Array<{ digest: string; size: number }> };
    const digest = `sha256:${crypto.createHash("sha256").update(raw).digest("hex")}`;

    const [row] = await tagsOf(repository, (r) => r[0]?.kind !== null && r.length === 1);
    expect(row).toMatchObject({ name: "1.0", digest, kind: "image", layer_count: 5 });
    expect(Number(row!.size)).toBe(manifest.layers.reduce((n, l) => n + l.size, 0));
    expect(row!.platforms).toEqual([
      { digest, os: config.os, architecture: config.architecture, size: Number(row!.size), layerCount: 5 },
    ]);

    const detail = await getImageDetail(repository, "1.0");
    expect(detail.image.layers.map((l) => [l.digest, l.size])).toEqual(manifest.layers.map((l) => [l.digest, l.size]));
    // The steps follow the config's history one to one: empty_layer entries are 0-byte metadata in their place.
    const history = config.history as Array<{ created_by: string; empty_layer?: boolean }>;
    expect(detail.image.steps.map((s) => s.kind)).toEqual(history.map((h) => (h.empty_layer ? "metadata" : "layer")));
    expect(detail.image.steps.map((s) => s.kind)).toEqual([
      "metadata",
      "layer",
      "layer",
      "metadata",
      "metadata",
      "layer",
      "layer",
      "layer",
      "metadata",
    ]);
    const layerSteps = detail.image.steps.filter((s) => s.kind === "layer");
    expect(layerSteps.map((s) => s.digest)).toEqual(manifest.layers.map((l) => l.digest));
    expect(layerSteps.map((s) => s.createdBy)).toEqual([0, 1, 2, 3, 4].map((i) => `RUN echo layer ${i}`));
    expect(detail.image.steps[3]).toMatchObject({ kind: "metadata", size: 0, createdBy: "ENV A=1" });
    expect(detail.image.totalSize).toBe(Number(row!.size));
  });

  it("a 2-platform index: the tag points at the index, with each platform's size", async () => {
    const o = await newOwner();
    const repository = `${o.username}/multi`;
    const image = await buildMultiPlatformImage({
      platforms: [
        {
          platform: { os: "linux", architecture: "amd64" },
          layers: [{ files: { a: crypto.randomBytes(300).toString("hex") } }],
        },
        {
          platform: { os: "linux", architecture: "arm64", variant: "v8" },
          layers: [{ files: { b: "arm" } }, { files: { c: "two" } }],
        },
      ],
    });
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "latest",
      username: o.username,
      password: o.password,
    });
    const [row] = await tagsOf(repository, (r) => r[0]?.kind !== null && r.length === 1);
    expect(row).toMatchObject({ digest: image.indexDigest, kind: "index", layer_count: 3 });
    const sizes = [];
    for (const child of image.index.manifests) {
      const m = JSON.parse(
        await inspectRaw({
          registry: c.registryHost,
          repository,
          digest: child.digest,
          username: o.username,
          password: o.password,
        }),
      ) as { layers: Array<{ size: number }> };
      sizes.push(m.layers.reduce((n, l) => n + l.size, 0));
    }
    expect(row!.platforms!.map((p) => [p.os, p.architecture, p.variant, p.size, p.digest])).toEqual([
      ["linux", "amd64", undefined, sizes[0], image.index.manifests[0]!.digest],
      ["linux", "arm64", "v8", sizes[1], image.index.manifests[1]!.digest],
    ]);
    const arm = await getImageDetail(repository, "latest", image.index.manifests[1]!.digest);
    expect(arm.image.platform).toBe("linux/arm64/v8");
    expect(arm.image.layers).toHaveLength(2);
  });

  it("counts N pulls per repository, tag and day; HEAD and blob fetches count nothing; a multi-platform pull counts once", async () => {
    const o = await newOwner();
    const repository = `${o.username}/pulled`;
    const creds = { registry: c.registryHost, repository, username: o.username, password: o.password };
    const image = await buildImage({ layers: [{ files: { p: repository } }] });
    await pushImage(image, { ...creds, tag: "a" });
    await pushImage(image, { ...creds, tag: "b" });
    await pushImage(await buildMultiPlatformImage(), { ...creds, tag: "m" });
    await tagsOf(repository, (r) => r.length === 3);
    const N = 4;
    for (let i = 0; i < N; i++)
      expect(
        (
          await skopeoRun([
            "inspect",
            "--raw",
            "--tls-verify=false",
            "--creds",
            `${o.username}:${o.password}`,
            `docker://${c.registryHost}/${repository}:a`,
          ])
        ).code,
      ).toBe(0);
    expect(
      (
        await skopeoRun([
          "copy",
          "--all",
          "--src-tls-verify=false",
          "--src-creds",
          `${o.username}:${o.password}`,
          `docker://${c.registryHost}/${repository}:m`,
          `oci:${await import("node:os").then((os) => os.tmpdir())}/pull-${crypto.randomUUID()}:m`,
        ])
      ).code,
    ).toBe(0);
    const rows = await tagsOf(
      repository,
      (r) =>
        Number(r.find((t) => t.name === "a")?.pull_count) >= N &&
        Number(r.find((t) => t.name === "m")?.pull_count) >= 1,
    );
    // HEAD of a manifest and a blob GET: not pulls.
    const token = mintRegistryToken(
      o.username,
      [{ type: "repository", name: repository, actions: ["pull"] }],
      60,
    ).token;
    const auth = { Authorization: `Bearer ${token}`, Accept: "application/vnd.oci.image.manifest.v1+json" };
    expect(
      (await fetch(`http://${c.registryHost}/v2/${repository}/manifests/a`, { method: "HEAD", headers: auth })).status,
    ).toBe(200);
    expect(
      (await fetch(`http://${c.registryHost}/v2/${repository}/blobs/${image.layers[0]!.digest}`, { headers: auth }))
        .status,
    ).toBe(200);
    await new Promise((r) => setTimeout(r, 500)); // a HEAD or blob fetch that did count would show by now
    const after = await tagsOf(repository, () => true);
    const count = (t: string) => Number(after.find((r) => r.name === t)!.pull_count);
    // "b" shares a's image but was never pulled: skopeo asked for a by tag.
    expect([count("a"), count("b"), count("m")]).toEqual([N, 0, 1]);
    expect(rows.find((r) => r.name === "a")!.last_pulled_at).not.toBeNull();
    const { rows: repo } = await db.query(
      "select r.pull_count, d.pulls from repositories r join namespaces n on n.id = r.namespace_id join repository_pull_days d on d.repository_id = r.id where n.name || '/' || r.name = $1 and d.day = (now() at time zone 'utc')::date",
      [repository],
    );
    expect(repo.map((r) => [Number(r.pull_count), Number(r.pulls)])).toEqual([[N + 1, N + 1]]);
  });

  it("a tag deleted through the registry API leaves the index with the delete event", async () => {
    const o = await newOwner();
    const repository = `${o.username}/gone`;
    const image = await buildImage({ layers: [{ files: { g: repository } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "old",
      username: o.username,
      password: o.password,
    });
    await tagsOf(repository, (r) => r.length === 1);
    const token = mintRegistryToken(
      "_console",
      [{ type: "repository", name: repository, actions: ["delete"] }],
      60,
    ).token;
    expect(
      (
        await fetch(`${c.registryUrl}/v2/${repository}/manifests/${image.manifestDigest}`, {
          method: "DELETE",
          headers: { Authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(202);
    expect(await tagsOf(repository, (r) => r.length === 0)).toEqual([]);
  });

  it("reconciliation removes a tag deleted, and adds a tag pushed, where no event reached the console", async () => {
    const o = await newOwner();
    const repository = `${o.username}/recon`;
    const creds = { repository, username: o.username, password: o.password };
    const image = await buildImage({ layers: [{ files: { r: repository } }] });
    await pushImage(image, { ...creds, registry: c.registryHost, tag: "stays" });
    await pushImage(image, { ...creds, registry: c.registryHost, tag: "deleted-outside" });
    await tagsOf(repository, (r) => r.length === 2 && r.every((t) => t.kind !== null));
    // A second registry over the same storage, sending no events: changes "behind the console's back".
    const port = await freePort();
    const silent = await startRegistry({
      configDir: `${c.dataDir}/registry-silent-${port}`,
      logFile: `${c.dataDir}/registry-silent-${port}.log`,
      config: {
        storageDir: `${c.dataDir}/registry/storage`,
        addr: `127.0.0.1:${port}`,
        tokenRealm: `${c.url}/api/registry/token`,
        service: "registry-console",
        issuer: "registry-console",
        rootCertBundle: c.certFile,
      },
    });
    try {
      const other = await buildImage({ layers: [{ files: { n: `new ${repository}` } }] });
      await pushImage(other, { ...creds, registry: `127.0.0.1:${port}`, tag: "pushed-outside" });
      const token = mintRegistryToken(
        "_console",
        [{ type: "repository", name: repository, actions: ["pull", "push", "delete"] }],
        60,
      ).token;
      // Re-point "deleted-outside" at its own manifest first, so deleting it leaves "stays" alone.
      const own = await buildImage({ layers: [{ files: { d: `delete ${repository}` } }] });
      await pushImage(own, { ...creds, registry: `127.0.0.1:${port}`, tag: "deleted-outside" });
      expect(
        (
          await fetch(`http://127.0.0.1:${port}/v2/${repository}/manifests/${own.manifestDigest}`, {
            method: "DELETE",
            headers: { Authorization: `Bearer ${token}` },
          })
        ).status,
      ).toBe(202);
      await new Promise((r) => setTimeout(r, 500));
      expect((await tagsOf(repository, () => true)).map((t) => t.name)).toEqual(["deleted-outside", "stays"]);

      const outcome = await reconcileIndex({ scope: repository, reason: "manual" });
      expect(outcome.status).toBe("succeeded");
      expect(outcome.run).toMatchObject({ tagsAdded: 1, tagsRemoved: 1, tagsUpdated: 0 });
      const rows = await tagsOf(repository, (r) => r.every((t) => t.kind !== null));
      expect(rows.map((t) => [t.name, t.digest])).toEqual([
        ["pushed-outside", other.manifestDigest],
        ["stays", image.manifestDigest],
      ]);
      expect(rows[0]).toMatchObject({ kind: "image", layer_count: 1 });
    } finally {
      await silent.stop();
    }
  });

  it("out-of-order delivery: a push older than a recorded delete does not bring the tag back", async () => {
    const o = await newOwner();
    const repository = `${o.username}/order`;
    const image = await buildImage({ layers: [{ files: { o: repository } }] });
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "x",
      username: o.username,
      password: o.password,
    });
    await tagsOf(repository, (r) => r.length === 1);
    const post = (events: unknown[]) =>
      fetch(`${c.url}/api/registry/events`, {
        method: "POST",
        headers: { Authorization: `Bearer ${c.eventsSecret}` },
        body: JSON.stringify({ events }),
      });
    const t0 = Date.now() + 60_000;
    const push = {
      id: crypto.randomUUID(),
      timestamp: new Date(t0).toISOString(),
      action: "push",
      target: {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: image.manifestDigest,
        repository,
        tag: "y",
      },
      request: { method: "PUT" },
      actor: { name: o.username },
    };
    const del = {
      id: crypto.randomUUID(),
      timestamp: new Date(t0 + 1000).toISOString(),
      action: "delete",
      target: { digest: image.manifestDigest, repository, tag: "y" },
      request: { method: "DELETE" },
      actor: { name: o.username },
    };
    expect((await post([del])).status).toBe(200);
    expect((await post([push])).status).toBe(200);
    expect((await tagsOf(repository, () => true)).map((t) => t.name)).toEqual(["x"]);
  });
});
