import "server-only";
import fs from "node:fs/promises";

/**
 * The manifests a repository holds, read from the console's own registry storage
 * (FRONT_DOOR_STORAGE_DIR; layout as lib/front-door/manifest-from-storage.ts reads it): every
 * revision linked under `_manifests/revisions/sha256/<hex>/link`, tagged or not. The registry API
 * has no way to list untagged manifests, so tag retention can only consider them here; with an
 * external REGISTRY_URL it says so instead.
 */
export type StoredRevision = { digest: string; writtenAt: Date | null; children: string[] };

const HEX = /^[a-f0-9]{64}$/;

/** The revisions of `repository` other than `known` (the tagged ones the index already describes). */
export async function listStoredRevisions(
  storageDir: string,
  repository: string,
  known: ReadonlySet<string>,
): Promise<StoredRevision[]> {
  const v2 = `${storageDir}/docker/registry/v2`;
  const dir = `${v2}/repositories/${repository}/_manifests/revisions/sha256`;
  let hexes: string[];
  try {
    hexes = (await fs.readdir(dir)).filter((h) => HEX.test(h) && !known.has(`sha256:${h}`));
  } catch {
    return []; // No revisions directory: nothing pushed (or everything deleted).
  }
  const out: StoredRevision[] = [];
  for (const hex of hexes) {
    const digest = `sha256:${hex}`;
    let writtenAt: Date | null = null;
    try {
      const link = `${dir}/${hex}/link`;
      // A deleted revision loses its link file (the directory stays until garbage collection).
      if ((await fs.readFile(link, "utf8")).trim() !== digest) continue;
      writtenAt = (await fs.stat(link)).mtime;
    } catch {
      continue;
    }
    out.push({ digest, writtenAt, children: await childrenOf(v2, hex) });
  }
  return out;
}

/** The child manifests an index lists (none for an image, or a manifest that cannot be read). */
async function childrenOf(v2: string, hex: string): Promise<string[]> {
  try {
    const body = JSON.parse(await fs.readFile(`${v2}/blobs/sha256/${hex.slice(0, 2)}/${hex}/data`, "utf8")) as {
      manifests?: { digest?: unknown }[];
    };
    return (body.manifests ?? []).flatMap((m) => (typeof m.digest === "string" ? [m.digest] : []));
  } catch {
    return [];
  }
}
