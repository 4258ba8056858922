import type { RegistryClient } from "./client";
import type { Descriptor, ImageConfig, ImageManifest, IndexedPlatform, ManifestResult, ManifestSummary } from "./types";

/**
 * buildx stores provenance/SBOM attestations as extra "platforms" (unknown/unknown) in an index;
 * they are not images anyone can run, so the console does not list them as platforms.
 */
export function isAttestation(d: Descriptor): boolean {
  return (
    d.annotations?.["vnd.docker.reference.type"] === "attestation-manifest" ||
    (d.platform?.os === "unknown" && d.platform.architecture === "unknown")
  );
}

export const layerBytes = (m: ImageManifest): number => m.layers.reduce((n, l) => n + l.size, 0);

export function platformLabel(p: { os: string; architecture: string; variant?: string }): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join("/");
}

/** The runnable platforms of an index, in the index's order. */
export function indexPlatforms(m: Extract<ManifestResult, { kind: "index" }>): Descriptor[] {
  return m.manifest.manifests.filter((d) => !isAttestation(d));
}

/**
 * What the index stores about `reference` (a digest): sizes, platforms, layer counts. One manifest
 * and one config request for an image; for an index, one manifest request per platform plus the
 * first platform's config (for the creation time). All of it is cached by digest in the client.
 */
export async function summarizeManifest(
  client: RegistryClient,
  repository: string,
  reference: string,
): Promise<ManifestSummary> {
  const top = await client.getManifest(repository, reference);
  if (top.kind === "image") {
    const config = await client.getConfig(repository, top.manifest.config.digest);
    const platform: IndexedPlatform = {
      digest: top.digest,
      os: config.os ?? "unknown",
      architecture: config.architecture ?? "unknown",
      ...(config.variant ? { variant: config.variant } : {}),
      size: layerBytes(top.manifest),
      layerCount: top.manifest.layers.length,
    };
    return {
      digest: top.digest,
      mediaType: top.mediaType,
      kind: "image",
      size: platform.size,
      platforms: [platform],
      configDigest: top.manifest.config.digest,
      imageCreatedAt: createdOf(config),
      layerCount: platform.layerCount,
    };
  }
  const platforms: IndexedPlatform[] = [];
  let created: Date | null = null;
  for (const child of indexPlatforms(top)) {
    const m = await client.getManifest(repository, child.digest);
    if (m.kind !== "image") continue; // nested indexes are legal but unused in practice
    if (platforms.length === 0) created = createdOf(await client.getConfig(repository, m.manifest.config.digest));
    platforms.push({
      digest: child.digest,
      os: child.platform?.os ?? "unknown",
      architecture: child.platform?.architecture ?? "unknown",
      ...(child.platform?.variant ? { variant: child.platform.variant } : {}),
      size: layerBytes(m.manifest),
      layerCount: m.manifest.layers.length,
    });
  }
  return {
    digest: top.digest,
    mediaType: top.mediaType,
    kind: "index",
    size: platforms.reduce((n, p) => n + p.size, 0),
    platforms,
    configDigest: null,
    imageCreatedAt: created,
    layerCount: platforms.reduce((n, p) => n + p.layerCount, 0),
  };
}

function createdOf(config: ImageConfig): Date | null {
  if (!config.created) return null;
  const d = new Date(config.created);
  return Number.isNaN(d.getTime()) ? null : d;
}
