import fs from "node:fs/promises";
import path from "node:path";

export type BlobUsage = { bytes: number; digests: Set<string> };

/**
 * The blobs the filesystem driver keeps (`docker/registry/v2/blobs/sha256/ab/<hex>/data`): their
 * digests and total size, as the disk holds them — what garbage collection frees is the difference
 * of two walks, not what the registry's log says it meant to delete.
 */
export async function walkBlobs(storageDir: string): Promise<BlobUsage> {
  const root = path.join(storageDir, "docker", "registry", "v2", "blobs");
  const usage: BlobUsage = { bytes: 0, digests: new Set() };
  for (const algorithm of await entries(root)) {
    for (const prefix of await entries(path.join(root, algorithm))) {
      for (const hex of await entries(path.join(root, algorithm, prefix))) {
        const stat = await fs.stat(path.join(root, algorithm, prefix, hex, "data")).catch(() => null);
        if (!stat?.isFile()) continue;
        usage.bytes += stat.size;
        usage.digests.add(`${algorithm}:${hex}`);
      }
    }
  }
  return usage;
}

async function entries(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch(() => []);
}
