import fs from "node:fs/promises";

/**
 * Every blob a pushed manifest makes its tag reach, with sizes, for the storage quota: the
 * manifest itself, its config and layers, or for an index its child manifests and theirs (pushed
 * before it, by digest). Sizes are read from the registry's storage when the door knows it (what
 * is really stored, whatever a descriptor claims); with an external registry they are the
 * descriptors' own, and an index's children count without their layers (the door cannot read
 * them there). A blob missing from storage counts nothing: the registry refuses that push anyway
 * (MANIFEST_BLOB_UNKNOWN). A body that is not a manifest counts only itself.
 */
type Descriptor = { digest?: unknown; size?: unknown };
type ManifestJson = { config?: Descriptor; layers?: Descriptor[]; manifests?: Descriptor[] };

const SHA256 = /^sha256:[a-f0-9]{64}$/;

export async function pushedBlobs(
  storageDir: string | undefined,
  body: Buffer,
  /** The body's sha256 digest (lib/front-door/manifest-rules.ts ManifestWrite.digest). */
  digest: string,
): Promise<Array<{ digest: string; size: number }>> {
  const out = [{ digest, size: body.length }];
  const doc = parse(body);
  if (!doc) return out;
  const blobPath = (digest: string) =>
    `${storageDir}/docker/registry/v2/blobs/sha256/${digest.slice(7, 9)}/${digest.slice(7)}/data`;
  const sizeOf = async (d: Descriptor): Promise<{ digest: string; size: number } | null> => {
    if (typeof d.digest !== "string" || !SHA256.test(d.digest)) return null;
    if (!storageDir) return typeof d.size === "number" && d.size >= 0 ? { digest: d.digest, size: d.size } : null;
    const st = await fs.stat(blobPath(d.digest)).catch(() => null);
    return st?.isFile() ? { digest: d.digest, size: st.size } : null;
  };
  const imageBlobs = (m: ManifestJson) => [
    ...(m.config ? [m.config] : []),
    ...(Array.isArray(m.layers) ? m.layers : []),
  ];
  const children = Array.isArray(doc.manifests) ? doc.manifests : [];
  const descriptors: Descriptor[] = [...imageBlobs(doc), ...children];
  if (storageDir)
    for (const child of children) {
      if (typeof child.digest !== "string" || !SHA256.test(child.digest)) continue;
      const raw = await fs.readFile(blobPath(child.digest)).catch(() => null);
      const parsed = raw ? parse(raw) : null;
      if (parsed) descriptors.push(...imageBlobs(parsed));
    }
  for (const found of await Promise.all(descriptors.map(sizeOf))) if (found) out.push(found);
  return out;
}

function parse(raw: Buffer): ManifestJson | null {
  try {
    const doc = JSON.parse(raw.toString("utf8")) as unknown;
    return doc && typeof doc === "object" ? (doc as ManifestJson) : null;
  } catch {
    return null;
  }
}
