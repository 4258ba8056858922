import dns from "node:dns/promises";
import net from "node:net";
import { inIPv4Prefix, inIPv6Prefix, ipv4At, ipv4Prefix, ipv6Prefix, parseIPv4, parseIPv6 } from "./ip-address";

/**
 * Webhook targets must be public internet addresses: a console that POSTs wherever a user asks
 * would otherwise reach the registry, the database, the cloud metadata service (169.254.169.254)
 * or anything else on its private network. Checked when a webhook is saved and again, against the
 * address actually connected to, at every delivery (a DNS answer can change in between). A name
 * that does not resolve yet may be saved (with a warning): only delivery can connect anywhere.
 */

// IANA IPv4 Special-Purpose Address Registry blocks that are not globally reachable, plus
// multicast and the reserved 240/4 (which holds 255.255.255.255). 192.88.99.0/24 is the retired
// 6to4 relay anycast: reaching it would hand our packets to whichever relay is nearest.
const NON_PUBLIC_IPV4 = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.31.196.0/24",
  "192.52.193.0/24",
  "192.88.99.0/24",
  "192.168.0.0/16",
  "192.175.48.0/24",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
].map(ipv4Prefix);

// Refused whatever IPv4 they may carry, so checked before the embedded forms below.
// - 64:ff9b:1::/48 is local-use NAT64 (RFC 8215): its translator is on our own network by definition.
// - 2001::/23 includes Teredo (2001::/32). Teredo is refused outright rather than judged by its
//   server and client IPv4s: the packets go through whichever Teredo relay our network routes
//   2001::/32 to, so the embedded addresses do not say where the connection ends up; Teredo is
//   deprecated, and the rest of the /23 is either not global or anycast service addresses (PCP,
//   TURN, AMT, AS112) that are no webhook receivers.
// - The more specific blocks inside 2001::/23 are listed too, to read alongside the registry.
const NON_PUBLIC_IPV6 = [
  "::/128",
  "::1/128",
  "64:ff9b:1::/48",
  "100::/64",
  "100:0:0:1::/64",
  "2001::/23",
  "2001:db8::/32",
  "2001:2::/48",
  "2001:10::/28",
  "2001:20::/28",
  "3fff::/20",
  "5f00::/16",
  "fc00::/7",
  "fe80::/10",
  "fec0::/10",
  "ff00::/8",
].map(ipv6Prefix);

// IPv6 addresses that stand for an IPv4 one: the connection reaches (or is translated to) that
// IPv4 address, so it is judged instead, whatever the IPv6 registry says of the prefix.
const IPV4_EMBEDDING = [
  { prefix: ipv6Prefix("::ffff:0:0/96"), offset: 12 }, // IPv4-mapped
  { prefix: ipv6Prefix("::ffff:0:0:0/96"), offset: 12 }, // IPv4-translated (RFC 2765)
  { prefix: ipv6Prefix("::/96"), offset: 12 }, // IPv4-compatible (RFC 4291, deprecated): automatic tunnels send it to that IPv4 address
  { prefix: ipv6Prefix("64:ff9b::/96"), offset: 12 }, // NAT64 well-known prefix (RFC 6052)
  { prefix: ipv6Prefix("2002::/16"), offset: 2 }, // 6to4 (RFC 3056): the site's IPv4 router
];

const GLOBAL_UNICAST = ipv6Prefix("2000::/3");

function isPublicIPv4(address: number): boolean {
  return !NON_PUBLIC_IPV4.some((p) => inIPv4Prefix(address, p));
}

/** True only for a well-formed IPv4 or IPv6 address that is globally reachable; anything unparsable is not. */
export function isPublicAddress(address: string): boolean {
  const v4 = parseIPv4(address);
  if (v4 !== null) return isPublicIPv4(v4);
  const v6 = parseIPv6(address);
  if (!v6 || NON_PUBLIC_IPV6.some((p) => inIPv6Prefix(v6, p))) return false;
  const embedding = IPV4_EMBEDDING.find((e) => inIPv6Prefix(v6, e.prefix));
  if (embedding) return isPublicIPv4(ipv4At(v6, embedding.offset));
  return inIPv6Prefix(v6, GLOBAL_UNICAST);
}

export type ResolvedTarget = { url: URL; address: string; family: 4 | 6 };

export class UnsafeTargetError extends Error {}

/**
 * The host has no address (yet): NXDOMAIN, no records, or no answer in time. Not an unsafe
 * target, so a webhook can be saved before its DNS record exists, and a delivery to it is retried
 * (the record may appear) rather than failed for good.
 */
export class UnresolvedHostError extends Error {
  constructor(readonly host: string) {
    super(`The host ${host} could not be resolved`);
  }
}

// getaddrinfo has no timeout of its own; a resolver that never answers must not hold a save or a job.
const LOOKUP_TIMEOUT_MS = 5_000;

async function lookupAll(host: string): Promise<Array<{ address: string; family: number }>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("DNS lookup timed out")), LOOKUP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([dns.lookup(host, { all: true, verbatim: true }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves the URL's host and picks the address to connect to. Unless private targets are
 * allowed, every address the name resolves to must be public (one private answer is enough to
 * refuse: resolvers rotate, and the next lookup might return it). A host that does not resolve
 * throws UnresolvedHostError; anything unsafe throws UnsafeTargetError.
 */
export async function resolveWebhookTarget(rawUrl: string, allowPrivate: boolean): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new UnsafeTargetError("The URL is not valid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UnsafeTargetError("The URL must start with http:// or https://");
  if (url.username || url.password)
    throw new UnsafeTargetError(
      "Credentials in the URL are not allowed; use the signing secret to authenticate deliveries",
    );
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: Array<{ address: string; family: number }>;
  if (net.isIP(host)) addresses = [{ address: host, family: net.isIP(host) }];
  else {
    try {
      addresses = await lookupAll(host);
    } catch {
      throw new UnresolvedHostError(host);
    }
  }
  if (addresses.length === 0) throw new UnresolvedHostError(host);
  if (!allowPrivate) {
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad)
      throw new UnsafeTargetError(
        `${host} resolves to ${bad.address}, a loopback, private, link-local or reserved address. Webhooks may only call public addresses unless a site operator allows private ones.`,
      );
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * The save-time check: refuses what resolveWebhookTarget refuses (a bad URL, a literal or resolved
 * non-public address), but accepts a host that does not resolve yet and names it, so the form can
 * warn that deliveries fail until it does. Deliveries resolve and check again, and pin the address.
 */
export async function checkWebhookTargetForSave(
  rawUrl: string,
  allowPrivate: boolean,
): Promise<{ unresolvedHost: string | null }> {
  try {
    await resolveWebhookTarget(rawUrl, allowPrivate);
    return { unresolvedHost: null };
  } catch (err) {
    if (err instanceof UnresolvedHostError) return { unresolvedHost: err.host };
    throw err;
  }
}
