import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildImage,
  buildMultiPlatformImage,
  MEDIA_TYPE,
  pushImage,
  REF_NAME_ANNOTATION,
  skopeoRun,
  uniqueImage,
  type BuildImageOptions,
  type ImageIndex,
  type ImageManifest,
} from "@/tests/helpers/oci-image";
import { createTar, gzipDeterministic } from "@/tests/helpers/tar";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});
function track<T extends { dir: string }>(x: T): T {
  dirs.push(x.dir);
  return x;
}

const sha256 = (b: Buffer) => `sha256:${crypto.createHash("sha256").update(b).digest("hex")}`;
const readBlob = (dir: string, digest: string) =>
  fs.readFile(path.join(dir, "blobs", "sha256", digest.replace(/^sha256:/, "")));
const readJson = async <T>(file: string): Promise<T> => JSON.parse(await fs.readFile(file, "utf8")) as T;

type TarEntry = { name: string; mode: number; uid: number; gid: number; mtime: number; type: string; data: Buffer };

/** An independent ustar reader, so the writer is checked against the format rather than against itself. */
function readTar(tar: Buffer): TarEntry[] {
  expect(tar.length % 512).toBe(0);
  const octal = (b: Buffer) => parseInt(b.toString("ascii").replace(/\0.*$/s, "").trim() || "0", 8);
  const str = (b: Buffer) => b.toString("utf8").replace(/\0.*$/s, "");
  const entries: TarEntry[] = [];
  let off = 0;
  while (off < tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((x) => x === 0)) {
      // End of archive: exactly two zero blocks and nothing after them.
      expect(tar.length - off).toBe(1024);
      expect(tar.subarray(off).every((x) => x === 0)).toBe(true);
      return entries;
    }
    const stored = octal(h.subarray(148, 156));
    const copy = Buffer.from(h);
    copy.fill(0x20, 148, 156);
    expect(copy.reduce((n, x) => n + x, 0)).toBe(stored);
    expect(h.subarray(257, 263).toString("ascii")).toBe("ustar\0");
    expect(h.subarray(263, 265).toString("ascii")).toBe("00");
    const size = octal(h.subarray(124, 136));
    const prefix = str(h.subarray(345, 500));
    const name = (prefix ? `${prefix}/` : "") + str(h.subarray(0, 100));
    entries.push({
      name,
      mode: octal(h.subarray(100, 108)),
      uid: octal(h.subarray(108, 116)),
      gid: octal(h.subarray(116, 124)),
      mtime: octal(h.subarray(136, 148)),
      type: String.fromCharCode(h[156]!),
      data: tar.subarray(off + 512, off + 512 + size),
    });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error("tar has no end-of-archive marker");
}

describe("tar writer", () => {
  it("writes valid ustar headers, padded data, parent directories and the end marker", () => {
    const big = Buffer.alloc(1000, 7);
    const entries = readTar(createTar({ "b.txt": "bee", "dir/sub/c.bin": big, "empty/": "", "a.txt": "" }));
    expect(entries.map((e) => [e.name, e.type])).toEqual([
      ["a.txt", "0"],
      ["b.txt", "0"],
      ["dir/", "5"],
      ["dir/sub/", "5"],
      ["dir/sub/c.bin", "0"],
      ["empty/", "5"],
    ]);
    for (const e of entries)
      expect({ uid: e.uid, gid: e.gid, mtime: e.mtime, mode: e.mode }).toEqual({
        uid: 0,
        gid: 0,
        mtime: 0,
        mode: e.type === "5" ? 0o755 : 0o644,
      });
    expect(entries.find((e) => e.name === "b.txt")?.data.toString()).toBe("bee");
    expect(entries.find((e) => e.name === "dir/sub/c.bin")?.data.equals(big)).toBe(true);
  });

  it("splits long paths into prefix and name and rejects paths outside the root", () => {
    const long = `${"d".repeat(80)}/${"e".repeat(60)}/${"f".repeat(90)}.txt`;
    expect(readTar(createTar({ [long]: "x" })).at(-1)?.name).toBe(long);
    for (const bad of ["/etc/passwd", "../x", "a/../../x", "."])
      expect(() => createTar({ [bad]: "x" }), bad).toThrow(/invalid layer path/);
    expect(() => createTar({ ["x".repeat(101)]: "x" })).toThrow(/too long/);
  });

  it("gzips deterministically with mtime 0", () => {
    const tar = createTar({ "a.txt": "a" });
    const gz = gzipDeterministic(tar);
    expect(gz.equals(gzipDeterministic(tar))).toBe(true);
    expect([...gz.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
    expect(gz.readUInt32LE(4)).toBe(0);
    expect(gz[9]).toBe(3);
    expect(gunzipSync(gz).equals(tar)).toBe(true);
  });
});

describe("buildImage", () => {
  const spec: BuildImageOptions = {
    layers: [
      { files: { "etc/app.conf": "port=80\n" }, createdBy: "COPY app.conf /etc/" },
      { files: { "bin/app": Buffer.from([0, 1, 2, 3]) } },
      { files: { README: "readme" }, createdBy: "ADD README /" },
    ],
    emptyHistory: [
      { afterLayer: -1, createdBy: "LABEL stage=base" },
      { afterLayer: 0, createdBy: "ENV A=1" },
      { afterLayer: 0, createdBy: "ENV B=2" },
      { afterLayer: 2, createdBy: 'CMD ["/bin/app"]' },
    ],
    config: {
      Env: ["A=1", "B=2"],
      Cmd: ["/bin/app"],
      ExposedPorts: ["8080/tcp"],
      WorkingDir: "/",
      User: "1000",
      Labels: { stage: "base" },
    },
    annotations: { "org.opencontainers.image.title": "demo" },
    ref: "v1",
  };

  it("writes an OCI layout whose blobs match their digests and whose index names the manifest", async () => {
    const img = track(await buildImage(spec));
    expect(await readJson(path.join(img.dir, "oci-layout"))).toEqual({ imageLayoutVersion: "1.0.0" });
    const index = await readJson<ImageIndex>(path.join(img.dir, "index.json"));
    expect(index).toEqual({
      schemaVersion: 2,
      mediaType: MEDIA_TYPE.index,
      manifests: [
        {
          mediaType: MEDIA_TYPE.manifest,
          digest: img.manifestDigest,
          size: img.manifestBytes.length,
          annotations: { [REF_NAME_ANNOTATION]: "v1" },
        },
      ],
    });
    const blobNames = await fs.readdir(path.join(img.dir, "blobs", "sha256"));
    expect(blobNames).toHaveLength(5); // manifest, config, three layers
    for (const name of blobNames)
      expect(sha256(await fs.readFile(path.join(img.dir, "blobs", "sha256", name)))).toBe(`sha256:${name}`);

    const manifestBlob = await readBlob(img.dir, img.manifestDigest);
    expect(manifestBlob.equals(img.manifestBytes)).toBe(true);
    const manifest = JSON.parse(manifestBlob.toString()) as ImageManifest;
    expect(manifest).toEqual(img.manifest);
    expect(manifest).toMatchObject({ schemaVersion: 2, mediaType: MEDIA_TYPE.manifest, annotations: spec.annotations });
    expect(manifest.config).toEqual({
      mediaType: MEDIA_TYPE.config,
      digest: img.configDigest,
      size: (await readBlob(img.dir, img.configDigest)).length,
    });
    expect(manifest.layers).toEqual(
      img.layers.map((l) => ({ mediaType: MEDIA_TYPE.layer, digest: l.digest, size: l.size })),
    );
    expect(img.totalSize).toBe(manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0));
  });

  it("records diff_ids of the uncompressed tars and the history in order, with empty_layer steps", async () => {
    const img = track(await buildImage(spec));
    const config = JSON.parse((await readBlob(img.dir, img.configDigest)).toString());
    expect(config).toEqual(img.config);
    expect(config).toMatchObject({
      architecture: "amd64",
      os: "linux",
      created: "2024-01-01T00:00:00Z",
      rootfs: { type: "layers" },
    });
    expect(config.config).toEqual({ ...spec.config, ExposedPorts: { "8080/tcp": {} } });
    for (const [i, layer] of img.layers.entries()) {
      const tar = gunzipSync(await readBlob(img.dir, layer.digest));
      expect(sha256(tar)).toBe(layer.diffId);
      expect(config.rootfs.diff_ids[i]).toBe(layer.diffId);
    }
    expect(readTar(gunzipSync(await readBlob(img.dir, img.layers[1]!.digest))).map((e) => e.name)).toEqual([
      "bin/",
      "bin/app",
    ]);
    const history = config.history as Array<{ created_by: string; empty_layer?: boolean; created: string }>;
    expect(history.map((h) => [h.created_by, h.empty_layer ?? false])).toEqual([
      ["LABEL stage=base", true],
      ["COPY app.conf /etc/", false],
      ["ENV A=1", true],
      ["ENV B=2", true],
      ["COPY layer-1 / # buildkit", false],
      ["ADD README /", false],
      ['CMD ["/bin/app"]', true],
    ]);
    expect(history.filter((h) => !h.empty_layer)).toHaveLength(config.rootfs.diff_ids.length);
  });

  it("gives the same digests when built twice, and different ones when content differs", async () => {
    const a = track(await buildImage(spec));
    const b = track(await buildImage(spec));
    expect(a.dir).not.toBe(b.dir);
    expect(b.manifestDigest).toBe(a.manifestDigest);
    expect(b.manifestBytes.equals(a.manifestBytes)).toBe(true);
    expect(b.layers).toEqual(a.layers);
    const c = track(await buildImage({ ...spec, config: { Cmd: ["other"] } }));
    expect(c.layers).toEqual(a.layers);
    expect(c.manifestDigest).not.toBe(a.manifestDigest);
    const u1 = track(await uniqueImage("same-seed"));
    const u2 = track(await uniqueImage("same-seed"));
    expect(u1.manifestDigest).not.toBe(u2.manifestDigest);
    expect(u1.layers[0]!.digest).not.toBe(u2.layers[0]!.digest);
  });

  it("defaults to one small layer on linux/amd64 tagged latest, and honours platform variants", async () => {
    const img = track(await buildImage());
    expect(img.ref).toBe("latest");
    expect(img.layers).toHaveLength(1);
    expect(img.config).toMatchObject({ os: "linux", architecture: "amd64" });
    expect(img.config).not.toHaveProperty("variant");
    const arm = track(await buildImage({ platform: { os: "linux", architecture: "arm", variant: "v7" } }));
    expect(arm.config).toMatchObject({ os: "linux", architecture: "arm", variant: "v7" });
    await expect(buildImage({ emptyHistory: [{ afterLayer: 1, createdBy: "ENV X=1" }] })).rejects.toThrow(
      /out of range/,
    );
  });

  it("keeps other refs when a second image is built into the same layout", async () => {
    const first = track(await buildImage({ ref: "one" }));
    const second = await buildImage({ dir: first.dir, ref: "two", layers: [{ files: { "two.txt": "2" } }] });
    const index = await readJson<ImageIndex>(path.join(first.dir, "index.json"));
    expect(index.manifests.map((d) => [d.annotations?.[REF_NAME_ANNOTATION], d.digest])).toEqual([
      ["one", first.manifestDigest],
      ["two", second.manifestDigest],
    ]);
  });
});

describe("buildMultiPlatformImage", () => {
  it("writes an index of per-platform manifests that the layout's ref names", async () => {
    const img = track(await buildMultiPlatformImage({ ref: "multi" }));
    const layoutIndex = await readJson<ImageIndex>(path.join(img.dir, "index.json"));
    expect(layoutIndex.manifests).toEqual([
      {
        mediaType: MEDIA_TYPE.index,
        digest: img.indexDigest,
        size: img.indexBytes.length,
        annotations: { [REF_NAME_ANNOTATION]: "multi" },
      },
    ]);
    const indexBlob = await readBlob(img.dir, img.indexDigest);
    expect(sha256(indexBlob)).toBe(img.indexDigest);
    expect(JSON.parse(indexBlob.toString())).toEqual(img.index);
    expect(img.index.manifests.map((d) => d.platform)).toEqual([
      { os: "linux", architecture: "amd64" },
      { os: "linux", architecture: "arm64", variant: "v8" },
    ]);
    const [amd, arm] = img.images;
    expect(amd!.manifestDigest).not.toBe(arm!.manifestDigest);
    expect(amd!.layers[0]!.digest).not.toBe(arm!.layers[0]!.digest);
    for (const [i, child] of img.images.entries()) {
      expect(img.index.manifests[i]).toMatchObject({
        mediaType: MEDIA_TYPE.manifest,
        digest: child.manifestDigest,
        size: child.manifestBytes.length,
      });
      expect((await readBlob(img.dir, child.manifestDigest)).equals(child.manifestBytes)).toBe(true);
      expect(child.config).toMatchObject({ os: child.platform.os, architecture: child.platform.architecture });
    }
    const again = track(await buildMultiPlatformImage({ ref: "multi" }));
    expect(again.indexDigest).toBe(img.indexDigest);
  });

  it("accepts per-platform content", async () => {
    const img = track(
      await buildMultiPlatformImage({
        platforms: [
          { platform: { os: "linux", architecture: "s390x" }, config: { Cmd: ["x"] } },
          { os: "windows", architecture: "amd64" },
        ],
      }),
    );
    expect(img.images.map((i) => [i.config.os, i.config.architecture, i.config.config.Cmd])).toEqual([
      ["linux", "s390x", ["x"]],
      ["windows", "amd64", undefined],
    ]);
  });
});

const hasSkopeo = (() => {
  try {
    execFileSync("skopeo", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasSkopeo)("skopeo reads the layouts", () => {
  it("inspects the single-platform manifest and the index byte for byte", async () => {
    const img = track(await buildImage({ ref: "v2", layers: [{ files: { a: "a" } }, { files: { b: "b" } }] }));
    const single = await skopeoRun(["inspect", "--raw", `oci:${img.dir}:v2`]);
    expect(single.code, single.stderr).toBe(0);
    expect(single.stdout).toBe(img.manifestBytes.toString());
    const config = await skopeoRun(["inspect", "--raw", "--config", `oci:${img.dir}:v2`]);
    expect(JSON.parse(config.stdout)).toEqual(img.config);

    const multi = track(await buildMultiPlatformImage());
    const index = await skopeoRun(["inspect", "--raw", `oci:${multi.dir}:latest`]);
    expect(index.code, index.stderr).toBe(0);
    expect(index.stdout).toBe(multi.indexBytes.toString());
  });

  it("reports failures without throwing, and pushImage throws with skopeo's stderr", async () => {
    const missing = await skopeoRun(["inspect", "--raw", "oci:/nonexistent/layout:latest"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no such file|not found/i);
    const img = track(await buildImage());
    // Port 1 on loopback refuses connections at once, so this needs no registry.
    await expect(
      pushImage(img, { registry: "127.0.0.1:1", repository: "x/y", tag: "t", timeoutMs: 20_000 }),
    ).rejects.toThrow(/skopeo copy to docker:\/\/127\.0\.0\.1:1\/x\/y:t failed \(exit \d+\): .*connect/s);
  });
});
