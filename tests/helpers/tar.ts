import crypto from "node:crypto";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * A minimal POSIX ustar writer for test image layers. Everything that could vary between runs or machines
 * (mtime, owner, entry order) is pinned so the same files always give the same bytes, and so the same digests.
 */

const BLOCK = 512;
/** gzip header byte 9 names the OS; zlib fills in its compile-time OS_CODE, which differs between platforms. */
const GZIP_OS_UNIX = 3;

export type TarFiles = Record<string, string | Buffer>;

export function sha256Digest(data: Buffer): string {
  return `sha256:${crypto.createHash("sha256").update(data).digest("hex")}`;
}

/** Writes `value` as zero-padded octal filling `width - 1` bytes plus a NUL terminator. */
function writeOctal(header: Buffer, offset: number, width: number, value: number): void {
  const text = value.toString(8).padStart(width - 1, "0");
  if (text.length > width - 1) throw new Error(`tar: ${value} does not fit in a ${width}-byte field`);
  header.write(`${text}\0`, offset, width, "ascii");
}

/** ustar keeps names in two fields: up to 155 bytes of directory prefix and a 100-byte name. */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: "", name };
  for (let i = name.lastIndexOf("/", name.length - 2); i > 0; i = name.lastIndexOf("/", i - 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  throw new Error(`tar: path too long for ustar: ${name}`);
}

function header(entryName: string, size: number, type: "file" | "dir"): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(entryName);
  h.write(name, 0, 100, "utf8");
  writeOctal(h, 100, 8, type === "dir" ? 0o755 : 0o644);
  writeOctal(h, 108, 8, 0); // uid
  writeOctal(h, 116, 8, 0); // gid
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, 0); // mtime: the epoch, so rebuilding never changes the digest
  h.write(type === "dir" ? "5" : "0", 156, 1, "ascii");
  h.write("ustar\0", 257, 6, "ascii");
  h.write("00", 263, 2, "ascii");
  h.write(prefix, 345, 155, "utf8");
  // The checksum is the byte sum of the header with its own field read as eight spaces.
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
  return h;
}

/** Rejects paths a layer should never contain (absolute, escaping the root) and drops `./` noise. */
function normalizeEntry(raw: string): { name: string; dir: boolean } {
  const dir = raw.endsWith("/");
  const name = path.posix
    .normalize(raw)
    .replace(/^(\.\/)+/, "")
    .replace(/\/+$/, "");
  if (!name || name === "." || path.posix.isAbsolute(name) || name === ".." || name.startsWith("../")) {
    throw new Error(`tar: invalid layer path ${JSON.stringify(raw)}`);
  }
  return { name, dir };
}

/**
 * An uncompressed tar of `files` (a key ending in "/" is an empty directory). Parent directories are
 * added as entries, as real image builders do, and entries are sorted so key order does not matter.
 */
export function createTar(files: TarFiles): Buffer {
  const entries = new Map<string, Buffer | null>(); // entry name -> file data, null for a directory
  for (const [raw, content] of Object.entries(files)) {
    const { name, dir } = normalizeEntry(raw);
    const parts = name.split("/");
    for (let i = 1; i < parts.length; i++) entries.set(`${parts.slice(0, i).join("/")}/`, null);
    if (dir) entries.set(`${name}/`, null);
    else entries.set(name, typeof content === "string" ? Buffer.from(content, "utf8") : content);
  }
  const chunks: Buffer[] = [];
  for (const name of [...entries.keys()].sort()) {
    const data = entries.get(name) ?? null;
    if (data === null) {
      chunks.push(header(name, 0, "dir"));
      continue;
    }
    chunks.push(header(name, data.length, "file"), data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad) chunks.push(Buffer.alloc(pad));
  }
  chunks.push(Buffer.alloc(BLOCK * 2)); // end-of-archive marker
  return Buffer.concat(chunks);
}

/** gzip with a pinned level and header (mtime 0 is zlib's default; the OS byte is not), so output is reproducible. */
export function gzipDeterministic(data: Buffer): Buffer {
  const gz = gzipSync(data, { level: 9 });
  gz[9] = GZIP_OS_UNIX;
  return gz;
}

export interface LayerBlob {
  /** The compressed blob as stored in the registry. */
  blob: Buffer;
  /** sha256 of the compressed blob: the manifest's layer digest. */
  digest: string;
  /** sha256 of the uncompressed tar: the config's rootfs.diff_ids entry. */
  diffId: string;
  tar: Buffer;
}

export function createLayer(files: TarFiles): LayerBlob {
  const tar = createTar(files);
  const blob = gzipDeterministic(tar);
  return { blob, digest: sha256Digest(blob), diffId: sha256Digest(tar), tar };
}
