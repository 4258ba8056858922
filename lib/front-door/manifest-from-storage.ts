import fs from "node:fs";
import type { OutgoingHttpHeaders } from "node:http";
import { REGISTRY_ANSWER_HEADERS } from "@/lib/runtime/registry-process";

/**
 * Manifest GETs and HEADs answered by the front door from the registry's own filesystem storage,
 * instead of relayed. A manifest GET is what a pull is, and relayed it cost the registry 1.4–2.2 ms
 * of CPU (its tag and revision lookups and HTTP) beside the console's relay: on two cores that
 * capped pulls through the door at a few hundred a second and queued every client behind it
 * (bench/notes/front-door.md, bench/notes/pull-counting.md). Only for the registry the console
 * runs itself (its storage directory is known), and only where the answer is certain to be the
 * registry's: the caller checked the token (lib/authz/rules/front-door.ts), and this answers
 * only what distribution 2.8 would serve unchanged (registry/handlers/manifests.go GetManifest):
 * - a tag: `repositories/<name>/_manifests/tags/<tag>/current/link` holds its digest;
 * - the digest (from the path or the tag) linked in the repository:
 *   `_manifests/revisions/sha256/<hex>/link`; the bytes at `blobs/sha256/<ab>/<hex>/data`;
 * - a schema 2 manifest whose `mediaType` names one of the four types the registry serves as they
 *   are, and which the client's Accept header lists (else the registry answers 404 for OCI types,
 *   or rewrites a Docker list or manifest for an old client);
 * - no If-None-Match (the registry answers 304 for its ETag).
 * Anything else returns null and the request is relayed, so the registry answers it.
 *
 * Reads are synchronous: the two link files and a manifest are a few hundred bytes in the page
 * cache, and a read costs a few microseconds in this thread against several thread-pool round trips
 * (open, stat, read, close) for an asynchronous one, which is most of what a pull would cost here.
 * Manifests are kept in memory by digest (content-addressed); links are read every time, so a tag
 * moved or a manifest deleted by any writer is seen by the very next request.
 * The directory is the console's own registry storage on a local disk; a remote filesystem would
 * make these reads block the event loop, so that setup should leave FRONT_DOOR_STORAGE_DIR unset.
 */
export type StoredManifest = { digest: string; mediaType: string; body: Buffer };

const SHA256 = /^sha256:[a-f0-9]{64}$/;
const SERVED_AS_STORED = new Set([
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
]);
/** Manifests are content-addressed: a digest's bytes never change, so they are kept by digest. */
const CACHE_BYTES = 16 * 1024 * 1024;
const cache = new Map<string, { mediaType: string; body: Buffer }>();
let cachedBytes = 0;
export function readStoredManifest(
  storageDir: string,
  repository: string,
  reference: string,
  byDigest: boolean,
): StoredManifest | null {
  // The route's grammars (route.ts) admit no `.`-only or `_`-led name components, and no `/` or
  // `..` in a tag: no path escapes the repository's directory, so plain concatenation is safe.
  const v2 = `${storageDir}/docker/registry/v2`;
  const repo = `${v2}/repositories/${repository}/_manifests`;
  const digest = byDigest ? reference : readLink(`${repo}/tags/${reference}/current/link`);
  if (!digest || !SHA256.test(digest)) return null;
  const hex = digest.slice(7);
  if (readLink(`${repo}/revisions/sha256/${hex}/link`) !== digest) return null;
  const hit = cache.get(digest);
  if (hit) return { digest, ...hit };
  let body: Buffer;
  try {
    body = fs.readFileSync(`${v2}/blobs/sha256/${hex.slice(0, 2)}/${hex}/data`);
  } catch {
    return null;
  }
  const mediaType = servedMediaType(body);
  if (!mediaType) return null;
  remember(digest, mediaType, body);
  return { digest, mediaType, body };
}

/**
 * The digest a tag points at in the registry's storage (its `current/link`), null when the tag does
 * not exist there. Read afresh each call: the immutable-tag rule compares it with a push's digest.
 */
export function readStoredTagDigest(storageDir: string, repository: string, tag: string): string | null {
  const digest = readLink(
    `${storageDir}/docker/registry/v2/repositories/${repository}/_manifests/tags/${tag}/current/link`,
  );
  return digest && SHA256.test(digest) ? digest : null;
}

/** A link file's content (a digest: 71 bytes for sha256); null when missing or longer than a link. */
const linkBuffer = Buffer.alloc(160);
function readLink(file: string): string | null {
  // open, read, close: readFileSync adds a stat and an options object per call, a third of its
  // cost here (system calls are dear on this virtual machine).
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch {
    return null;
  }
  try {
    const n = fs.readSync(fd, linkBuffer, 0, linkBuffer.length, 0);
    return n < linkBuffer.length ? linkBuffer.toString("latin1", 0, n) : null;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** The Content-Type the registry gives this manifest when it serves it as stored, else null. */
function servedMediaType(body: Buffer): string | null {
  try {
    const doc = JSON.parse(body.toString("utf8")) as { schemaVersion?: unknown; mediaType?: unknown };
    return doc.schemaVersion === 2 && typeof doc.mediaType === "string" && SERVED_AS_STORED.has(doc.mediaType)
      ? doc.mediaType
      : null;
  } catch {
    return null;
  }
}

function remember(digest: string, mediaType: string, body: Buffer): void {
  if (body.length > CACHE_BYTES / 16) return;
  // Oldest first out: a Map iterates in insertion order.
  for (const [old, entry] of cache) {
    if (cachedBytes + body.length <= CACHE_BYTES) break;
    cache.delete(old);
    cachedBytes -= entry.body.length;
  }
  cache.set(digest, { mediaType, body });
  cachedBytes += body.length;
}

/**
 * Whether the client's Accept header lists this media type the way the registry's parser would
 * find it (Go's mime.ParseMediaType on each comma-separated entry). Stricter is safe: an entry
 * with parameters other than plain `name=value` pairs is not counted, and the request is relayed.
 */
export function acceptsMediaType(accept: string | undefined, mediaType: string): boolean {
  if (!accept) return false;
  for (const entry of accept.split(",")) {
    const semi = entry.indexOf(";");
    // Compared as written: distribution 2.8 matches the type case-sensitively.
    const type = (semi < 0 ? entry : entry.slice(0, semi)).trim();
    if (type !== mediaType) continue;
    if (semi < 0 || /^(?:\s*;\s*[A-Za-z0-9_.-]+=[A-Za-z0-9_.-]+)*\s*$/.test(entry.slice(semi))) return true;
  }
  return false;
}

/** distribution's headers for a manifest it serves (Content-Length and ETag are Go's and its own). */
export function manifestAnswerHeaders(stored: StoredManifest): OutgoingHttpHeaders {
  return {
    ...REGISTRY_ANSWER_HEADERS,
    "content-length": String(stored.body.length),
    "content-type": stored.mediaType,
    "docker-content-digest": stored.digest,
    etag: `"${stored.digest}"`,
  };
}
