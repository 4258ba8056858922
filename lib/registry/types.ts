/** Shapes of the distribution registry's HTTP API (OCI distribution spec) that the console reads. */

export type RegistryErrorBody = { errors?: Array<{ code?: string; message?: string; detail?: unknown }> };

export type CatalogPage = { repositories: string[]; next: string | null };

export type TagsPage = { name: string; tags: string[]; next: string | null };

export type PingResult = { ok: true; latencyMs: number; apiVersion: string | null };

export const MEDIA_TYPES = {
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
} as const;

/** Every manifest media type the registry may report in an event (schema1 included). */
export const MANIFEST_MEDIA_TYPES: ReadonlySet<string> = new Set([
  ...Object.values(MEDIA_TYPES),
  "application/vnd.docker.distribution.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v1+prettyjws",
]);

/**
 * What the console accepts for manifests. Without an Accept list the registry answers 404 for OCI
 * manifests and converts Docker v2 manifests to schema1 (with another digest).
 */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerManifest,
  MEDIA_TYPES.dockerManifestList,
].join(", ");

export type Platform = { os: string; architecture: string; variant?: string; "os.version"?: string };

export type Descriptor = {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
};

export type ImageManifest = {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
};

export type ImageIndex = {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
};

export type ManifestResult =
  | { kind: "image"; digest: string; mediaType: string; bytes: Uint8Array; manifest: ImageManifest }
  | { kind: "index"; digest: string; mediaType: string; bytes: Uint8Array; manifest: ImageIndex };

export type HistoryEntry = {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
};

export type ImageConfig = {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  config?: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    ExposedPorts?: Record<string, object>;
    Labels?: Record<string, string> | null;
    Volumes?: Record<string, object>;
    StopSignal?: string;
  };
  rootfs?: { type: string; diff_ids: string[] };
  history?: HistoryEntry[];
};

/** One platform of a manifest as the index keeps it: the image itself, or each child of an index. */
export type IndexedPlatform = {
  digest: string; // the platform's image manifest
  os: string;
  architecture: string;
  variant?: string;
  size: number; // compressed: the sum of its layers
  layerCount: number;
};

/** What the console's index stores about a manifest (see db/schema/image-manifests.ts). */
export type ManifestSummary = {
  digest: string;
  mediaType: string;
  kind: "image" | "index";
  size: number;
  platforms: IndexedPlatform[];
  configDigest: string | null;
  imageCreatedAt: Date | null;
  layerCount: number;
};
