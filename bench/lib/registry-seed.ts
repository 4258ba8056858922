/**
 * Seeds a registry's filesystem storage directly (the distribution registry's own layout), so a
 * benchmark can have 100,000 tags in seconds instead of pushing them one manifest at a time, then
 * tells the console about them with the push events the registry would have sent. Every tag gets
 * its own image (own config with its own `created`, own manifest) over one shared layer, so a
 * client that sorts tags by image creation time sees the same order as the console's last-pushed.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
const OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

export type SeededTag = {
  repository: string;
  tag: string;
  digest: string;
  size: number;
  pushedAt: Date;
  configDigest: string;
  configSize: number;
  layerDigest: string;
  layerSize: number;
};

const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

function writeFile(file: string, data: Buffer | string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

export class StorageSeeder {
  private readonly v2: string;
  private readonly layer: { digest: string; size: number; diffId: string };
  private readonly written = new Set<string>();

  constructor(storageDir: string) {
    this.v2 = path.join(storageDir, "docker", "registry", "v2");
    // A real (if tiny) gzip tar stream: 1 KiB of zeros is two empty tar records' worth.
    const tar = Buffer.alloc(1024);
    const gz = zlib.gzipSync(tar, { level: 9 });
    this.layer = { digest: this.blob(gz), size: gz.length, diffId: `sha256:${sha(tar)}` };
  }

  private blob(data: Buffer): string {
    const hex = sha(data);
    if (!this.written.has(hex)) {
      writeFile(path.join(this.v2, "blobs", "sha256", hex.slice(0, 2), hex, "data"), data);
      this.written.add(hex);
    }
    return `sha256:${hex}`;
  }

  private link(file: string, digest: string) {
    writeFile(file, digest);
  }

  /** One tag of `repository` with its own image, created at `pushedAt`. */
  addTag(repository: string, tag: string, pushedAt: Date): SeededTag {
    const repo = path.join(this.v2, "repositories", ...repository.split("/"));
    const config = Buffer.from(
      JSON.stringify({
        architecture: "amd64",
        os: "linux",
        created: pushedAt.toISOString(),
        config: { Labels: { "org.opencontainers.image.version": tag } },
        rootfs: { type: "layers", diff_ids: [this.layer.diffId] },
        history: [{ created: pushedAt.toISOString(), created_by: `/bin/sh -c echo ${tag} > /version` }],
      }),
    );
    const configDigest = this.blob(config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_CONFIG, digest: configDigest, size: config.length },
        layers: [{ mediaType: OCI_LAYER, digest: this.layer.digest, size: this.layer.size }],
      }),
    );
    const digest = this.blob(manifest);
    const [, hex] = digest.split(":") as [string, string];
    for (const d of [configDigest, this.layer.digest])
      this.link(path.join(repo, "_layers", "sha256", d.slice(7), "link"), d);
    this.link(path.join(repo, "_manifests", "revisions", "sha256", hex, "link"), digest);
    this.link(path.join(repo, "_manifests", "tags", tag, "current", "link"), digest);
    this.link(path.join(repo, "_manifests", "tags", tag, "index", "sha256", hex, "link"), digest);
    return {
      repository,
      tag,
      digest,
      size: manifest.length,
      pushedAt,
      configDigest,
      configSize: config.length,
      layerDigest: this.layer.digest,
      layerSize: this.layer.size,
    };
  }
}

/** The push event the registry sends for a manifest PUT with a tag (see shared registry notes). */
export function pushEvent(t: SeededTag, actor: string) {
  return {
    id: crypto.randomUUID(),
    timestamp: t.pushedAt.toISOString(),
    action: "push",
    target: {
      mediaType: OCI_MANIFEST,
      size: t.size,
      digest: t.digest,
      length: t.size,
      repository: t.repository,
      url: `http://registry/v2/${t.repository}/manifests/${t.digest}`,
      tag: t.tag,
    },
    request: { id: crypto.randomUUID(), addr: "127.0.0.1:1", host: "registry", method: "PUT", useragent: "bench-seed" },
    actor: { name: actor },
    source: { addr: "bench:5000", instanceID: "bench" },
  };
}

/** Posts events to the console's notification endpoint in envelopes of `batch`. */
export async function postEvents(consoleUrl: string, secret: string, events: unknown[], batch = 500): Promise<void> {
  for (let i = 0; i < events.length; i += batch) {
    const res = await fetch(`${consoleUrl}/api/registry/events`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${secret}`,
        "Content-Type": "application/vnd.docker.distribution.events.v1+json",
      },
      body: JSON.stringify({ events: events.slice(i, i + batch) }),
    });
    if (!res.ok) throw new Error(`events: ${res.status} ${await res.text()}`);
  }
}

/**
 * The rows the console's indexer writes after describing each image (lib/registry/inspect.ts:
 * size = the layers' compressed bytes, one linux/amd64 platform; the manifest's own and total
 * bytes; its config and layer as references), inserted directly: describing 100,000 images
 * through the registry takes the console ~20 minutes here, and that is not what a read benchmark
 * measures. Inserted before the push events, so the indexer finds them known (and the sweep has
 * nothing to re-read while the bench measures).
 */
export async function describeSeeded(
  sql: { query: (text: string, values: unknown[]) => Promise<unknown> },
  tags: SeededTag[],
): Promise<void> {
  for (let i = 0; i < tags.length; i += 5000) {
    const batch = tags.slice(i, i + 5000);
    await sql.query(
      `insert into image_manifests (digest, media_type, kind, size, platforms, config_digest, image_created_at, layer_count, manifest_size, total_size)
       select u.digest, '${OCI_MANIFEST}', 'image', u.size, u.platforms, u.config, u.created, 1, u.manifest_size, u.manifest_size + u.config_size + u.size
       from unnest($1::text[], $2::bigint[], $3::jsonb[], $4::text[], $5::timestamptz[], $6::bigint[], $7::bigint[])
         as u(digest, size, platforms, config, created, manifest_size, config_size)
       on conflict do nothing`,
      [
        batch.map((t) => t.digest),
        batch.map((t) => t.layerSize),
        batch.map((t) =>
          JSON.stringify([{ digest: t.digest, os: "linux", architecture: "amd64", size: t.layerSize, layerCount: 1 }]),
        ),
        batch.map((t) => t.configDigest),
        batch.map((t) => t.pushedAt.toISOString()),
        batch.map((t) => t.size),
        batch.map((t) => t.configSize),
      ],
    );
    await sql.query(
      `insert into manifest_references (manifest_digest, digest, kind, size, media_type)
       select u.digest, u.config, 'config', u.config_size, '${OCI_CONFIG}'
       from unnest($1::text[], $2::text[], $3::bigint[]) as u(digest, config, config_size)
       union all
       select u.digest, u.layer, 'layer', u.layer_size, '${OCI_LAYER}'
       from unnest($1::text[], $4::text[], $5::bigint[]) as u(digest, layer, layer_size)
       on conflict do nothing`,
      [
        batch.map((t) => t.digest),
        batch.map((t) => t.configDigest),
        batch.map((t) => t.configSize),
        batch.map((t) => t.layerDigest),
        batch.map((t) => t.layerSize),
      ],
    );
  }
}
