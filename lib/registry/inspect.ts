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

/** What a manifest references: an image's config and layers, an index's child manifests. */
export type ManifestReference = {
  digest: string;
  kind: "config" | "layer" | "manifest";
  size: number; // from the descriptor
  mediaType: string;
};

/** A manifest as the index stores it (db/schema/image-manifests.ts, manifest-references.ts). */
export type DescribedManifest = ManifestSummary & {
  manifestSize: number; // bytes of the manifest itself, as the registry serves it
  totalSize: number; // the manifest and everything it references, each digest once
  references: ManifestReference[];
};

/**
 * What the index stores about `reference` (a digest): the manifest first, then for an index each
 * child image manifest (attestations included: their blobs are stored too), each with its
 * references. One manifest and one config request per image; all cached by digest in the client.
 * A child that is itself an index is a reference (its own bytes count) but is not described.
 */
export async function describeManifest(
  client: RegistryClient,
  repository: string,
  reference: string,
): Promise<DescribedManifest[]> {
  const top = await client.getManifest(repository, reference);
  if (top.kind === "image") return [await describeImage(client, repository, top)];
  const children = new Map<string, DescribedManifest>();
  for (const child of top.manifest.manifests) {
    if (children.has(child.digest)) continue;
    const m = await client.getManifest(repository, child.digest);
    if (m.kind === "image") children.set(child.digest, await describeImage(client, repository, m));
  }
  const platforms: IndexedPlatform[] = [];
  for (const child of indexPlatforms(top)) {
    const described = children.get(child.digest);
    if (!described) continue; // nested indexes are legal but unused in practice
    platforms.push({
      digest: child.digest,
      os: child.platform?.os ?? "unknown",
      architecture: child.platform?.architecture ?? "unknown",
      ...(child.platform?.variant ? { variant: child.platform.variant } : {}),
      size: described.size,
      layerCount: described.layerCount,
    });
  }
  const references = distinctReferences(
    top.manifest.manifests.map((d) => ({ digest: d.digest, kind: "manifest", size: d.size, mediaType: d.mediaType })),
  );
  const first = platforms[0] ? children.get(platforms[0].digest) : undefined;
  const index: DescribedManifest = {
    digest: top.digest,
    mediaType: top.mediaType,
    kind: "index",
    size: platforms.reduce((n, p) => n + p.size, 0),
    platforms,
    configDigest: null,
    imageCreatedAt: first?.imageCreatedAt ?? null,
    layerCount: platforms.reduce((n, p) => n + p.layerCount, 0),
    manifestSize: top.bytes.length,
    totalSize: distinctBytes([
      { digest: top.digest, size: top.bytes.length },
      ...references,
      ...[...children.values()].flatMap((c) => c.references),
    ]),
    references,
  };
  return [index, ...children.values()];
}

async function describeImage(
  client: RegistryClient,
  repository: string,
  m: Extract<ManifestResult, { kind: "image" }>,
): Promise<DescribedManifest> {
  const config = await client.getConfig(repository, m.manifest.config.digest);
  const platform: IndexedPlatform = {
    digest: m.digest,
    os: config.os ?? "unknown",
    architecture: config.architecture ?? "unknown",
    ...(config.variant ? { variant: config.variant } : {}),
    size: layerBytes(m.manifest),
    layerCount: m.manifest.layers.length,
  };
  const { config: c, layers } = m.manifest;
  const references = distinctReferences([
    { digest: c.digest, kind: "config", size: c.size, mediaType: c.mediaType },
    ...layers.map((l) => ({ digest: l.digest, kind: "layer" as const, size: l.size, mediaType: l.mediaType })),
  ]);
  return {
    digest: m.digest,
    mediaType: m.mediaType,
    kind: "image",
    size: platform.size,
    platforms: [platform],
    configDigest: c.digest,
    imageCreatedAt: createdOf(config),
    layerCount: platform.layerCount,
    manifestSize: m.bytes.length,
    totalSize: distinctBytes([{ digest: m.digest, size: m.bytes.length }, ...references]),
    references,
  };
}

// A manifest may list one layer twice (two identical layers); it is stored once.
function distinctReferences(refs: ManifestReference[]): ManifestReference[] {
  const byDigest = new Map<string, ManifestReference>();
  for (const r of refs) if (!byDigest.has(r.digest)) byDigest.set(r.digest, r);
  return [...byDigest.values()];
}

function distinctBytes(items: Array<{ digest: string; size: number }>): number {
  const sizes = new Map(items.map((i) => [i.digest, i.size]));
  return [...sizes.values()].reduce((n, s) => n + s, 0);
}

function createdOf(config: ImageConfig): Date | null {
  if (!config.created) return null;
  const d = new Date(config.created);
  return Number.isNaN(d.getTime()) ? null : d;
}
