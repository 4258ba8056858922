import "server-only";
import { alignLayers, layerWarnings, type BuildStep } from "@/lib/images/layers";
import { getRegistryClient } from "@/lib/registry";
import { indexPlatforms, layerBytes, platformLabel } from "@/lib/registry/inspect";
import type { Descriptor, ImageConfig, ImageManifest } from "@/lib/registry/types";
import { getTag } from "@/lib/data/registry-index";
import { NotFoundError, RegistryUnavailableError } from "@/lib/errors";

export type PlatformChoice = { digest: string; label: string; size: number | null };

export type ImageDetail = {
  digest: string; // what the reference points at: the index, or the image
  mediaType: string;
  kind: "image" | "index";
  platforms: PlatformChoice[];
  indexAnnotations: Record<string, string>;
  rawIndex: string | null;
  image: {
    digest: string;
    platform: string;
    manifest: ImageManifest;
    config: ImageConfig;
    layers: Descriptor[];
    steps: BuildStep[];
    totalSize: number;
    warnings: string[];
    rawManifest: string;
    rawConfig: string;
  };
};

const pretty = (bytes: Uint8Array) => {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

/**
 * Everything the image page shows for `reference` (a tag or digest) of `repository`: for an index,
 * its platforms and the chosen one (`platform` = a child digest; default the first runnable
 * platform); the manifest, config, layers aligned with the build history, and the raw JSON.
 * Served from the registry, but manifests and configs are cached by digest, so a page view after
 * the first costs no registry round trip for content. Authorization is the caller's.
 */
export async function getImageDetail(repository: string, reference: string, platform?: string): Promise<ImageDetail> {
  const client = getRegistryClient();
  const top = await client.getManifest(repository, reference);
  let platforms: PlatformChoice[] = [];
  let imageDigest = top.digest;
  if (top.kind === "index") {
    const children = indexPlatforms(top);
    if (children.length === 0) throw new NotFoundError("This index lists no runnable platform.");
    platforms = children.map((c) => ({
      digest: c.digest,
      label: c.platform ? platformLabel(c.platform) : c.digest.slice(7, 19),
      size: null,
    }));
    imageDigest = children.find((c) => c.digest === platform)?.digest ?? children[0]!.digest;
  }
  const image = top.kind === "image" ? top : await client.getManifest(repository, imageDigest);
  if (image.kind !== "image") throw new NotFoundError("Nested image indexes are not supported.");
  const config = await client.getConfig(repository, image.manifest.config.digest);
  const label = platformLabel({
    os: config.os ?? "unknown",
    architecture: config.architecture ?? "unknown",
    variant: config.variant,
  });
  if (top.kind === "image") platforms = [{ digest: image.digest, label, size: layerBytes(image.manifest) }];
  const configBytes = new TextEncoder().encode(JSON.stringify(config));
  return {
    digest: top.digest,
    mediaType: top.mediaType,
    kind: top.kind,
    platforms,
    indexAnnotations: top.kind === "index" ? (top.manifest.annotations ?? {}) : {},
    rawIndex: top.kind === "index" ? pretty(top.bytes) : null,
    image: {
      digest: image.digest,
      platform: label,
      manifest: image.manifest,
      config,
      layers: image.manifest.layers,
      steps: alignLayers(image.manifest.layers, config.history),
      totalSize: layerBytes(image.manifest),
      warnings: layerWarnings(image.manifest.layers),
      rawManifest: pretty(image.bytes),
      rawConfig: pretty(configBytes),
    },
  };
}

/**
 * Whether the tag exists, for the image page's 404: the index first (no registry round trip), then
 * the registry itself (the index may not have heard of a push yet). With the registry unreachable
 * the answer is "maybe" (true), so the page can say the registry is down rather than "no such tag".
 */
export async function tagMayExist(repositoryId: string, repository: string, tag: string): Promise<boolean> {
  if (await getTag(repositoryId, tag)) return true;
  try {
    return (await getRegistryClient().headManifest(repository, tag)) !== null;
  } catch (err) {
    if (err instanceof RegistryUnavailableError) return true;
    throw err;
  }
}
