import fs from "node:fs/promises";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import path from "node:path";
import { REGISTRY_ANSWER_HEADERS } from "@/lib/runtime/registry-process";

/**
 * Blob downloads answered by the front door from the registry's own filesystem storage, instead
 * of relayed: relaying copies every byte socket to socket in this process and costs the registry
 * its own copy too, which on two shared cores capped downloads through the door at 38–67 % of
 * the registry's speed (bench/notes/front-door.md). Only for the registry the console runs itself
 * (its storage directory is known), and only where the answer is certain to be the registry's:
 * the caller has checked the token (lib/authz/rules/front-door.ts `doorMayServeFromStorage`), and this
 * answers only a blob linked in the repository (distribution's layout:
 * `repositories/<name>/_layers/sha256/<hex>/link` holding the digest, the bytes at
 * `blobs/sha256/<first two hex>/<hex>/data`), whole or one satisfiable byte range. Anything else
 * (no link: the registry's 404 BLOB_UNKNOWN; conditional requests; several or unsatisfiable
 * ranges; another digest algorithm; a read error before the answer) returns false, and the caller
 * relays the request, so the registry answers it.
 *
 * The answer is the one distribution 2.8 gives (registry/storage/blobserver.go, then Go's
 * http.ServeContent): the same status, body and headers.
 */

/** Only sha256 blobs: the registry stores others too, but clients use sha256; the rest is relayed. */
const SHA256 = /^sha256:[a-f0-9]{64}$/;
/** blobserver.go: `blobCacheControlMaxAge = 365 * 24 * time.Hour`. */
const CACHE_CONTROL = `max-age=${365 * 24 * 3600}`;
/** Read size: large reads mean fewer thread-pool round trips and socket writes per GB. */
const READ_CHUNK = 1024 * 1024;
/** Preconditions Go's ServeContent evaluates (304, 412, If-Range); the registry answers those. */
const CONDITIONAL = ["if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "if-range"];

export async function serveBlobFromStorage(
  storageDir: string,
  req: IncomingMessage,
  res: ServerResponse,
  repository: string,
  digest: string,
): Promise<boolean> {
  if (!SHA256.test(digest) || CONDITIONAL.some((h) => req.headers[h] !== undefined)) return false;
  const hex = digest.slice(7);
  // The route's name grammar (route.ts) admits no `.`-only or `_`-led components: no path escapes.
  const root = path.join(storageDir, "docker", "registry", "v2");
  const link = path.join(root, "repositories", repository, "_layers", "sha256", hex, "link");
  const data = path.join(root, "blobs", "sha256", hex.slice(0, 2), hex, "data");
  // Both at once: a small blob's answer waits for one thread-pool round trip less.
  const [linked, file] = await Promise.allSettled([fs.readFile(link, "latin1"), fs.open(data, "r")]);
  const handle = file.status === "fulfilled" ? file.value : null;
  const stat = handle && linked.status === "fulfilled" && linked.value === digest ? await statOf(handle) : null;
  const range = stat ? byteRange(req.headers.range, stat.size) : null;
  if (!handle || !stat || !range || res.destroyed) {
    await closeQuietly(handle);
    // The client left meanwhile: nothing to answer, and nothing to relay either.
    return res.destroyed;
  }
  const length = range.end - range.start + 1;
  res.writeHead(range.partial ? 206 : 200, answerHeaders(digest, length, range, stat.size));
  if (req.method === "HEAD" || length === 0) {
    res.end();
    await closeQuietly(handle);
    return true;
  }
  void sendFileRange(handle, res, range.start, length).finally(() => void closeQuietly(handle));
  return true;
}

/**
 * Streams `length` bytes from `start` through two buffers of READ_CHUNK that are reused for the
 * whole answer: a buffer is read into again only once the socket has taken its previous chunk
 * (the write's callback), which is the backpressure, and nothing is allocated per chunk. A read
 * stream allocates a new 1 MB buffer per read; in the web server's large heap that garbage cost
 * downloads about a tenth of their speed in GC pauses (bench/notes/front-door.md). A read error,
 * or a file shorter than it was, destroys the answer: the client must not take a cut-short body
 * for a whole one. The client leaving ends the loop.
 */
async function sendFileRange(handle: fs.FileHandle, res: ServerResponse, start: number, length: number) {
  const buffers = [Buffer.allocUnsafeSlow(READ_CHUNK), Buffer.allocUnsafeSlow(READ_CHUNK)];
  const written: Array<Promise<boolean>> = [Promise.resolve(true), Promise.resolve(true)];
  const gone = new Promise<false>((resolve) => res.once("close", () => resolve(false)));
  let position = start;
  let left = length;
  try {
    for (let i = 0; left > 0; i ^= 1) {
      if (!(await Promise.race([written[i]!, gone]))) return;
      const buffer = buffers[i]!;
      const { bytesRead } = await handle.read(buffer, 0, Math.min(READ_CHUNK, left), position);
      if (bytesRead === 0 || res.destroyed) return void res.destroy();
      position += bytesRead;
      left -= bytesRead;
      written[i] = new Promise((resolve) => res.write(buffer.subarray(0, bytesRead), (err) => resolve(!err)));
    }
    if (await Promise.race([Promise.all(written).then((w) => w.every(Boolean)), gone])) res.end();
  } catch {
    res.destroy();
  }
}

async function closeQuietly(handle: fs.FileHandle | null): Promise<void> {
  await handle?.close().catch(() => undefined);
}

async function statOf(handle: fs.FileHandle): Promise<{ size: number } | null> {
  try {
    const st = await handle.stat();
    return st.isFile() ? { size: st.size } : null;
  } catch {
    return null;
  }
}

type ByteRange = { start: number; end: number; partial: boolean };

/**
 * What Go's ServeContent serves for this Range header, when it is one it serves plainly: none (the
 * whole blob, 200) or a single `bytes=a-b`, `bytes=a-` or `bytes=-n` that overlaps the blob (206,
 * the end clamped to the blob). null for anything else (several ranges: multipart; no overlap:
 * 416; malformed: 416; whitespace, signs or numbers past 15 digits), which the registry answers.
 */
export function byteRange(header: string | undefined, size: number): ByteRange | null {
  if (header === undefined) return { start: 0, end: size - 1, partial: false };
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header);
  if (!m) return null;
  const [, from, to] = m as unknown as [string, string, string];
  if (from === "") {
    const suffix = Math.min(Number(to), size);
    return to === "" || suffix === 0 ? null : { start: size - suffix, end: size - 1, partial: true };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Number(to);
  if (start >= size || end < start) return null;
  return { start, end: Math.min(end, size - 1), partial: true };
}

function answerHeaders(digest: string, length: number, range: ByteRange, size: number): OutgoingHttpHeaders {
  return {
    ...REGISTRY_ANSWER_HEADERS,
    "accept-ranges": "bytes",
    "cache-control": CACHE_CONTROL,
    "content-length": String(length),
    ...(range.partial ? { "content-range": `bytes ${range.start}-${range.end}/${size}` } : {}),
    "content-type": "application/octet-stream",
    "docker-content-digest": digest,
    etag: `"${digest}"`,
  };
}
