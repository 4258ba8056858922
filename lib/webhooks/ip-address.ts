/**
 * Strict parsing of textual IP addresses into numbers and bytes, for the SSRF guard. Strict on
 * purpose: the guard must classify the very address that will be connected to, so any spelling
 * that another parser might read differently (octal-looking "0127", hex or integer IPv4, a zone
 * id) is rejected with null rather than guessed at, and the guard treats null as not public.
 */

const DECIMAL_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;

/** A dotted quad of decimal octets, as an unsigned 32-bit number; null for anything else. */
export function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** The 16-bit groups of one side of a "::" (or of a whole uncompressed address). */
function groupsOf(part: string, mayEndInIPv4: boolean): number[] | null {
  if (part === "") return [];
  const pieces = part.split(":");
  const groups: number[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (mayEndInIPv4 && i === pieces.length - 1 && piece.includes(".")) {
      const v4 = parseIPv4(piece);
      if (v4 === null) return null;
      groups.push(Math.floor(v4 / 0x10000), v4 % 0x10000);
    } else if (HEX_GROUP.test(piece)) groups.push(parseInt(piece, 16));
    else return null;
  }
  return groups;
}

/**
 * Any RFC 4291 text form (either case, "::" anywhere, a dotted IPv4 tail) as 16 bytes; null when
 * malformed. A zone id ("fe80::1%eth0") is refused rather than stripped: zones only qualify
 * link- and site-scoped addresses (RFC 4007), none of which may be a webhook target, and the zone
 * would change which interface the connection leaves by.
 */
export function parseIPv6(text: string): Uint8Array | null {
  const halves = text.toLowerCase().split("::");
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const head = groupsOf(halves[0]!, !compressed);
  const tail = compressed ? groupsOf(halves[1]!, true) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/** The four bytes at `offset` as an unsigned 32-bit IPv4 address. */
export function ipv4At(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

export type IPv4Prefix = { base: number; bits: number };
export type IPv6Prefix = { bytes: Uint8Array; bits: number };

function splitCidr(cidr: string, max: number): [string, number] {
  const [address, bits] = cidr.split("/");
  const n = Number(bits);
  if (address === undefined || !Number.isInteger(n) || n < 0 || n > max) throw new Error(`Not a prefix: ${cidr}`);
  return [address, n];
}

/** For constant tables: throws on a typo instead of silently matching nothing. */
export function ipv4Prefix(cidr: string): IPv4Prefix {
  const [address, bits] = splitCidr(cidr, 32);
  const base = parseIPv4(address);
  if (base === null) throw new Error(`Not a prefix: ${cidr}`);
  return { base, bits };
}

export function ipv6Prefix(cidr: string): IPv6Prefix {
  const [address, bits] = splitCidr(cidr, 128);
  const bytes = parseIPv6(address);
  if (bytes === null) throw new Error(`Not a prefix: ${cidr}`);
  return { bytes, bits };
}

export function inIPv4Prefix(address: number, prefix: IPv4Prefix): boolean {
  const size = 2 ** (32 - prefix.bits);
  return Math.floor(address / size) === Math.floor(prefix.base / size);
}

export function inIPv6Prefix(address: Uint8Array, prefix: IPv6Prefix): boolean {
  const whole = prefix.bits >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== prefix.bytes[i]) return false;
  const rest = prefix.bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (address[whole]! & mask) === (prefix.bytes[whole]! & mask);
}
