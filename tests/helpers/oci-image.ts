import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createLayer, sha256Digest, type TarFiles } from "./tar";

/**
 * Builds tiny OCI images in code (no Docker engine on test machines) and moves them with skopeo.
 * Every byte is deterministic, so a test can predict the digests the registry will report.
 */

export const MEDIA_TYPE = {
  manifest: "application/vnd.oci.image.manifest.v1+json",
  index: "application/vnd.oci.image.index.v1+json",
  config: "application/vnd.oci.image.config.v1+json",
  layer: "application/vnd.oci.image.layer.v1.tar+gzip",
} as const;
export const REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
/** Fixed so rebuilding never changes the config digest. */
export const DEFAULT_CREATED = "2024-01-01T00:00:00Z";

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}
export interface LayerSpec {
  files: TarFiles;
  createdBy?: string;
}
/** A metadata step (ENV, CMD, LABEL…) in the history; `afterLayer` is the 0-based real layer it follows, -1 for before the first. */
export interface EmptyHistoryStep {
  afterLayer: number;
  createdBy: string;
}
export interface ConfigOptions {
  Env?: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
  User?: string;
  Labels?: Record<string, string>;
  /** ["8080/tcp"] or the config's own { "8080/tcp": {} } form. */
  ExposedPorts?: string[] | Record<string, object>;
}
export type ContainerConfig = Omit<ConfigOptions, "ExposedPorts"> & { ExposedPorts?: Record<string, object> };
export interface HistoryEntry {
  created: string;
  created_by: string;
  empty_layer?: true;
}
export interface ImageConfig {
  created: string;
  architecture: string;
  variant?: string;
  os: string;
  config: ContainerConfig;
  rootfs: { type: "layers"; diff_ids: string[] };
  history: HistoryEntry[];
}
export interface ImageManifest {
  schemaVersion: 2;
  mediaType: typeof MEDIA_TYPE.manifest;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}
export interface ImageIndex {
  schemaVersion: 2;
  mediaType: typeof MEDIA_TYPE.index;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/** What goes into one platform's image. */
export interface ImageContent {
  layers?: LayerSpec[];
  emptyHistory?: EmptyHistoryStep[];
  config?: ConfigOptions;
  platform?: Platform;
  /** Manifest annotations. */
  annotations?: Record<string, string>;
  created?: string;
}
export interface BuildImageOptions extends ImageContent {
  dir?: string;
  ref?: string;
}
export interface BuiltLayer {
  digest: string;
  size: number;
  diffId: string;
}
export interface PlatformImage {
  platform: Platform;
  manifestDigest: string;
  manifest: ImageManifest;
  manifestBytes: Buffer;
  config: ImageConfig;
  configDigest: string;
  layers: BuiltLayer[];
  /** Config plus compressed layers: the blob bytes the image adds, manifest excluded. */
  totalSize: number;
}
export interface BuiltImage extends PlatformImage {
  dir: string;
  ref: string;
}
export interface BuildMultiPlatformOptions {
  dir?: string;
  ref?: string;
  annotations?: Record<string, string>;
  created?: string;
  /** Default linux/amd64 and linux/arm64/v8, each with a file naming its platform so the children differ. */
  platforms?: Array<Platform | (ImageContent & { platform: Platform })>;
}
export interface BuiltMultiPlatformImage {
  dir: string;
  ref: string;
  indexDigest: string;
  index: ImageIndex;
  indexBytes: Buffer;
  images: PlatformImage[];
  /** Sum of the children's totalSize. */
  totalSize: number;
}

const DEFAULT_PLATFORM: Platform = { os: "linux", architecture: "amd64" };

async function prepareLayout(dir: string | undefined): Promise<string> {
  const root = dir ?? (await fs.mkdtemp(path.join(os.tmpdir(), "oci-image-")));
  await fs.mkdir(path.join(root, "blobs", "sha256"), { recursive: true });
  await fs.writeFile(path.join(root, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  return root;
}

async function writeBlob(dir: string, data: Buffer, mediaType: string): Promise<Descriptor> {
  const digest = sha256Digest(data);
  await fs.writeFile(path.join(dir, "blobs", "sha256", digest.slice("sha256:".length)), data);
  return { mediaType, digest, size: data.length };
}

/** Points `ref` at `target` in index.json, keeping other refs, so several images can share one layout. */
async function tagInLayout(dir: string, target: Descriptor, ref: string): Promise<void> {
  const file = path.join(dir, "index.json");
  let manifests: Descriptor[] = [];
  try {
    manifests = (JSON.parse(await fs.readFile(file, "utf8")) as ImageIndex).manifests;
  } catch {
    // no index.json yet: a fresh layout
  }
  manifests = manifests.filter((d) => d.annotations?.[REF_NAME_ANNOTATION] !== ref);
  manifests.push({ ...target, annotations: { [REF_NAME_ANNOTATION]: ref } });
  await fs.writeFile(file, JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPE.index, manifests }));
}

function containerConfig(opts: ConfigOptions = {}): ContainerConfig {
  const { ExposedPorts, ...rest } = opts;
  if (!ExposedPorts) return rest;
  return {
    ...rest,
    ExposedPorts: Array.isArray(ExposedPorts) ? Object.fromEntries(ExposedPorts.map((p) => [p, {}])) : ExposedPorts,
  };
}

/** Checked before any directory is created, so a rejected spec leaves nothing behind in the temp dir. */
function validateContent(content: ImageContent): void {
  const layerCount = content.layers?.length ?? 1;
  for (const s of content.emptyHistory ?? []) {
    if (!Number.isInteger(s.afterLayer) || s.afterLayer < -1 || s.afterLayer >= layerCount)
      throw new Error(`emptyHistory: afterLayer ${s.afterLayer} is out of range`);
  }
}

/** Writes the layers, config and manifest blobs of one platform image into `dir` (no index.json change). */
async function writeImageBlobs(dir: string, content: ImageContent): Promise<PlatformImage> {
  const platform = content.platform ?? DEFAULT_PLATFORM;
  const created = content.created ?? DEFAULT_CREATED;
  const specs = content.layers ?? [{ files: { "hello.txt": "hello from a test image\n" } }];
  const steps = content.emptyHistory ?? [];
  const history: HistoryEntry[] = steps
    .filter((s) => s.afterLayer === -1)
    .map((s) => ({ created, created_by: s.createdBy, empty_layer: true }));
  const layers: BuiltLayer[] = [];
  const layerDescriptors: Descriptor[] = [];
  for (const [i, spec] of specs.entries()) {
    const layer = createLayer(spec.files);
    layerDescriptors.push(await writeBlob(dir, layer.blob, MEDIA_TYPE.layer));
    layers.push({ digest: layer.digest, size: layer.blob.length, diffId: layer.diffId });
    history.push({ created, created_by: spec.createdBy ?? `COPY layer-${i} / # buildkit` });
    for (const s of steps)
      if (s.afterLayer === i) history.push({ created, created_by: s.createdBy, empty_layer: true });
  }
  const config: ImageConfig = {
    created,
    architecture: platform.architecture,
    ...(platform.variant ? { variant: platform.variant } : {}),
    os: platform.os,
    config: containerConfig(content.config),
    rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId) },
    history,
  };
  const configDescriptor = await writeBlob(dir, Buffer.from(JSON.stringify(config)), MEDIA_TYPE.config);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPE.manifest,
    config: configDescriptor,
    layers: layerDescriptors,
    ...(content.annotations && Object.keys(content.annotations).length ? { annotations: content.annotations } : {}),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const { digest: manifestDigest } = await writeBlob(dir, manifestBytes, MEDIA_TYPE.manifest);
  const totalSize = configDescriptor.size + layers.reduce((n, l) => n + l.size, 0);
  return {
    platform,
    manifestDigest,
    manifest,
    manifestBytes,
    config,
    configDigest: configDescriptor.digest,
    layers,
    totalSize,
  };
}

/** One single-platform image in an OCI layout directory, reachable as `oci:<dir>:<ref>`. */
export async function buildImage(opts: BuildImageOptions = {}): Promise<BuiltImage> {
  validateContent(opts);
  const dir = await prepareLayout(opts.dir);
  const ref = opts.ref ?? "latest";
  const image = await writeImageBlobs(dir, opts);
  await tagInLayout(
    dir,
    { mediaType: MEDIA_TYPE.manifest, digest: image.manifestDigest, size: image.manifestBytes.length },
    ref,
  );
  return { dir, ref, ...image };
}

/** An image index with one child manifest per platform; the layout's `ref` names the index. */
export async function buildMultiPlatformImage(opts: BuildMultiPlatformOptions = {}): Promise<BuiltMultiPlatformImage> {
  for (const p of opts.platforms ?? []) if ("platform" in p) validateContent(p);
  const dir = await prepareLayout(opts.dir);
  const ref = opts.ref ?? "latest";
  const platforms = opts.platforms ?? [DEFAULT_PLATFORM, { os: "linux", architecture: "arm64", variant: "v8" }];
  const images: PlatformImage[] = [];
  for (const p of platforms) {
    const content: ImageContent & { platform: Platform } = "platform" in p ? p : { platform: p };
    const name = [content.platform.os, content.platform.architecture, content.platform.variant]
      .filter(Boolean)
      .join("/");
    images.push(
      await writeImageBlobs(dir, {
        created: opts.created,
        ...content,
        layers: content.layers ?? [{ files: { "platform.txt": `${name}\n` } }],
      }),
    );
  }
  const index: ImageIndex = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPE.index,
    manifests: images.map((img) => ({
      mediaType: MEDIA_TYPE.manifest,
      digest: img.manifestDigest,
      size: img.manifestBytes.length,
      platform: img.platform,
    })),
    ...(opts.annotations && Object.keys(opts.annotations).length ? { annotations: opts.annotations } : {}),
  };
  const indexBytes = Buffer.from(JSON.stringify(index));
  const descriptor = await writeBlob(dir, indexBytes, MEDIA_TYPE.index);
  await tagInLayout(dir, descriptor, ref);
  return {
    dir,
    ref,
    indexDigest: descriptor.digest,
    index,
    indexBytes,
    images,
    totalSize: images.reduce((n, i) => n + i.totalSize, 0),
  };
}

let uniqueCounter = 0;
/** A small image no other test builds: `seed` names it, a per-call nonce keeps equal seeds apart. */
export function uniqueImage(seed: string, opts: Omit<BuildImageOptions, "layers"> = {}): Promise<BuiltImage> {
  uniqueCounter += 1;
  const nonce = `${process.pid}-${uniqueCounter}-${crypto.randomBytes(8).toString("hex")}`;
  return buildImage({
    ...opts,
    layers: [{ files: { "seed.txt": `${seed}\n`, "unique.txt": `${nonce}\n` }, createdBy: `COPY seed ${seed}` }],
  });
}

// ---- skopeo ---------------------------------------------------------------------------------------------

export interface SkopeoResult {
  code: number;
  stdout: string;
  stderr: string;
  signal: string | null;
  timedOut: boolean;
}
export interface SkopeoRunOptions {
  timeoutMs?: number;
}
export interface Credentials {
  username?: string;
  password?: string;
}
/** A repository in a registry; `digest` wins over `tag` (default "latest"). */
export interface RegistryRef extends Credentials {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}
export interface PushTarget extends RegistryRef {
  tag: string;
  all?: boolean;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * A path that is never created: skopeo reads a missing auth file as "no stored credentials", so neither the
 * user's containers auth.json nor ~/.docker/config.json can leak into a test, and nothing is left to clean up.
 */
const NO_AUTH_DIR = path.join(os.tmpdir(), `oci-image-no-auth-${crypto.randomBytes(8).toString("hex")}`);

/**
 * Runs skopeo without a shell and never throws: tests assert on failures (denied pushes) too.
 * `--insecure-policy` is prepended because test images are unsigned and a machine may lack /etc/containers/policy.json.
 */
export async function skopeoRun(args: string[], opts: SkopeoRunOptions = {}): Promise<SkopeoResult> {
  const env = { ...process.env, REGISTRY_AUTH_FILE: path.join(NO_AUTH_DIR, "auth.json"), DOCKER_CONFIG: NO_AUTH_DIR };
  const fullArgs = args.includes("--insecure-policy") ? args : ["--insecure-policy", ...args];
  return new Promise((resolve) => {
    const child = execFile(
      "skopeo",
      fullArgs,
      {
        env,
        timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        killSignal: "SIGKILL",
        maxBuffer: 32 * 1024 * 1024,
        encoding: "utf8",
      },
      (err, stdout, stderr) => {
        if (!err) return resolve({ code: 0, stdout, stderr, signal: null, timedOut: false });
        const code = typeof err.code === "number" ? err.code : -1;
        // A spawn failure (ENOENT) has no stderr of its own; surface the error message instead.
        const detail = typeof err.code === "number" || err.signal ? stderr : `${stderr}${err.message}`;
        resolve({
          code,
          stdout,
          stderr: detail,
          signal: err.signal ?? null,
          timedOut: err.killed === true && err.signal === "SIGKILL",
        });
      },
    );
    // Without a password after the colon skopeo prompts on stdin; closing it turns a hang into an error.
    child.stdin?.end();
  });
}

/** `--<prefix>creds user:pass` or `--<prefix>no-creds`; the colon is always present so skopeo never prompts. */
function credsArgs(prefix: "src-" | "dest-" | "", c: Credentials): string[] {
  return c.username !== undefined ? [`--${prefix}creds`, `${c.username}:${c.password ?? ""}`] : [`--${prefix}no-creds`];
}

function dockerRef(r: RegistryRef): string {
  return `docker://${r.registry}/${r.repository}${r.digest ? `@${r.digest}` : `:${r.tag ?? "latest"}`}`;
}

function failure(what: string, r: SkopeoResult): Error {
  return new Error(`skopeo ${what} failed (${r.timedOut ? "timed out" : `exit ${r.code}`}): ${r.stderr.trim()}`);
}

/** Pushes `oci:<dir>:<ref>` byte for byte (`--preserve-digests`); an index defaults to `all: true`. */
export async function pushImage(
  image: { dir: string; ref: string; indexDigest?: string },
  target: PushTarget,
): Promise<{ ok: true; digest: string }> {
  const all = target.all ?? image.indexDigest !== undefined;
  const digestFile = path.join(os.tmpdir(), `oci-image-digest-${crypto.randomBytes(8).toString("hex")}`);
  const result = await skopeoRun(
    [
      "copy",
      "--retry-times",
      "0",
      "--preserve-digests",
      "--dest-tls-verify=false",
      "--digestfile",
      digestFile,
      ...credsArgs("dest-", target),
      ...(all ? ["--all"] : []),
      `oci:${image.dir}:${image.ref}`,
      dockerRef(target),
    ],
    { timeoutMs: target.timeoutMs },
  );
  try {
    if (result.code !== 0) throw failure(`copy to ${dockerRef(target)}`, result);
    return { ok: true, digest: (await fs.readFile(digestFile, "utf8")).trim() };
  } finally {
    await fs.rm(digestFile, { force: true });
  }
}

/** Parses "host:port/repo:tag", "host:port/repo@sha256:…" or the same with a docker:// prefix. */
function parseRef(ref: string): RegistryRef {
  const m = /^(?:docker:\/\/)?([^/]+)\/([^:@]+)(?::([^@]+))?(?:@(.+))?$/.exec(ref);
  if (!m?.[1] || !m[2]) throw new Error(`not a registry reference: ${ref}`);
  return { registry: m[1], repository: m[2], tag: m[3], digest: m[4] };
}

/** The manifest (or index) exactly as the registry serves it; `config: true` fetches the config blob instead. */
export async function inspectRaw(
  ref: RegistryRef | string,
  creds?: Credentials,
  opts: { config?: boolean; timeoutMs?: number } = {},
): Promise<string> {
  const r = typeof ref === "string" ? parseRef(ref) : ref;
  const c = creds ?? r;
  const result = await skopeoRun(
    [
      "inspect",
      "--retry-times",
      "0",
      "--raw",
      ...(opts.config ? ["--config"] : []),
      "--tls-verify=false",
      ...credsArgs("", c),
      dockerRef(r),
    ],
    { timeoutMs: opts.timeoutMs },
  );
  if (result.code !== 0) throw failure(`inspect ${dockerRef(r)}`, result);
  return result.stdout;
}

export interface PulledImage {
  dir: string;
  ref: string;
  digest: string;
  mediaType: string;
}

/** Copies an image from the registry into a fresh `oci:` layout and reports what the layout's ref points at. */
export async function pullImage(
  source: RegistryRef | string,
  creds?: Credentials,
  opts: { all?: boolean; dir?: string; ref?: string; timeoutMs?: number } = {},
): Promise<PulledImage> {
  const r = typeof source === "string" ? parseRef(source) : source;
  const dir = opts.dir ?? (await fs.mkdtemp(path.join(os.tmpdir(), "oci-pull-")));
  const ref = opts.ref ?? "latest";
  const result = await skopeoRun(
    [
      "copy",
      "--retry-times",
      "0",
      "--src-tls-verify=false",
      ...credsArgs("src-", creds ?? r),
      ...(opts.all ? ["--all"] : []),
      dockerRef(r),
      `oci:${dir}:${ref}`,
    ],
    { timeoutMs: opts.timeoutMs },
  );
  if (result.code !== 0) throw failure(`copy from ${dockerRef(r)}`, result);
  const index = JSON.parse(await fs.readFile(path.join(dir, "index.json"), "utf8")) as ImageIndex;
  const entry = index.manifests.find((d) => d.annotations?.[REF_NAME_ANNOTATION] === ref);
  if (!entry) throw new Error(`pulled layout ${dir} has no ref ${ref}`);
  return { dir, ref, digest: entry.digest, mediaType: entry.mediaType };
}
