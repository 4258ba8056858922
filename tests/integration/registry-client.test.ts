import { describe, expect, inject, it } from "vitest";
import { RegistryClient } from "@/lib/registry/client";
import { mintRegistryToken } from "@/lib/registry/token-signer";
import { uniqueName } from "@/tests/helpers/factory";
import { buildImage, buildMultiPlatformImage, pushImage } from "@/tests/helpers/oci-image";

const c = inject("console");
const client = () =>
  new RegistryClient({
    baseUrl: c.registryUrl,
    timeoutMs: 5000,
    authorize: (access) => mintRegistryToken("_console", access, 60).token,
  });
const push = (image: Parameters<typeof pushImage>[0], repository: string, tag: string) =>
  pushImage(image, {
    registry: c.registryHost,
    repository,
    tag,
    username: c.admin.username,
    password: c.admin.password,
  });

describe("typed registry client against the real registry", () => {
  it("reads an image manifest and its config by tag and by digest, with the registry's digest", async () => {
    const repository = `operator/${uniqueName("cli")}`;
    const image = await buildImage({
      layers: [
        { files: { "a.txt": "a" }, createdBy: "COPY a.txt /" },
        { files: { "b.txt": "b" }, createdBy: "RUN make" },
      ],
      emptyHistory: [{ afterLayer: 0, createdBy: "ENV A=1" }],
      config: { Env: ["A=1"], Cmd: ["/bin/app"] },
    });
    await push(image, repository, "1.0");
    const byTag = await client().getManifest(repository, "1.0");
    expect(byTag.kind).toBe("image");
    expect(byTag.digest).toBe(image.manifestDigest);
    expect(Buffer.from(byTag.bytes).equals(image.manifestBytes)).toBe(true);
    const byDigest = await client().getManifest(repository, image.manifestDigest);
    expect(byDigest.manifest).toEqual(image.manifest);
    if (byTag.kind !== "image") throw new Error("expected an image manifest");
    const config = await client().getConfig(repository, byTag.manifest.config.digest);
    expect(config.history?.map((h) => h.created_by)).toEqual(image.config.history?.map((h) => h.created_by));
    expect(config.config?.Cmd).toEqual(["/bin/app"]);
    expect(await client().headManifest(repository, "1.0")).toMatchObject({
      digest: image.manifestDigest,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
    });
    expect(await client().headManifest(repository, "nope")).toBeNull();
  });

  it("reads an index and its platforms", async () => {
    const repository = `operator/${uniqueName("idx")}`;
    const image = await buildMultiPlatformImage({});
    await pushImage(image, {
      registry: c.registryHost,
      repository,
      tag: "multi",
      username: c.admin.username,
      password: c.admin.password,
      all: true,
    });
    const index = await client().getManifest(repository, "multi");
    expect(index.kind).toBe("index");
    if (index.kind !== "index") return;
    expect(index.digest).toBe(image.indexDigest);
    expect(index.manifest.manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`)).toEqual([
      "linux/amd64",
      "linux/arm64",
    ]);
    const child = await client().getManifest(repository, index.manifest.manifests[1]!.digest);
    expect(child.kind).toBe("image");
  });

  it("deletes by digest: every tag on that digest goes, others stay", async () => {
    const repository = `operator/${uniqueName("del")}`;
    const a = await buildImage({ layers: [{ files: { "x.txt": repository } }] });
    const b = await buildImage({ layers: [{ files: { "y.txt": repository } }] });
    await push(a, repository, "a1");
    await push(a, repository, "a2");
    await push(b, repository, "b1");
    await client().deleteManifest(repository, a.manifestDigest);
    expect((await client().allTags(repository)).sort()).toEqual(["b1"]);
    await expect(client().getManifest(repository, "a1")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(client().deleteManifest(repository, a.manifestDigest)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
