import dns from "node:dns/promises";
import net from "node:net";

/**
 * Webhook targets must be public internet addresses: a console that POSTs wherever a user asks
 * would otherwise reach the registry, the database, the cloud metadata service (169.254.169.254)
 * or anything else on its private network. Checked when a webhook is saved and again, against the
 * address actually connected to, at every delivery (a DNS answer can change in between).
 */
const blocked = new net.BlockList();
for (const [net4, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net4, bits, "ipv4");
for (const [net6, bits] of [
  ["::", 128], ["::1", 128], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) blocked.addSubnet(net6, bits, "ipv6");

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedIPv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return !blocked.check(address, "ipv4");
  if (family !== 6) return false;
  const v4 = embeddedIPv4(address);
  if (v4) return net.isIPv4(v4) && !blocked.check(v4, "ipv4");
  return !blocked.check(address, "ipv6");
}

export type ResolvedTarget = { url: URL; address: string; family: 4 | 6 };

export class UnsafeTargetError extends Error {}

/**
 * Resolves the URL's host and picks the address to connect to. Unless private targets are
 * allowed, every address the name resolves to must be public (one private answer is enough to
 * refuse: resolvers rotate, and the next lookup might return it).
 */
export async function resolveWebhookTarget(rawUrl: string, allowPrivate: boolean): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new UnsafeTargetError("The URL is not valid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UnsafeTargetError("The URL must start with http:// or https://");
  if (url.username || url.password) throw new UnsafeTargetError("Credentials in the URL are not allowed; use the signing secret to authenticate deliveries");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: Array<{ address: string; family: number }>;
  if (net.isIP(host)) addresses = [{ address: host, family: net.isIP(host) }];
  else {
    try {
      addresses = await dns.lookup(host, { all: true, verbatim: true });
    } catch {
      throw new UnsafeTargetError(`The host ${host} could not be resolved`);
    }
  }
  if (addresses.length === 0) throw new UnsafeTargetError(`The host ${host} could not be resolved`);
  if (!allowPrivate) {
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad) throw new UnsafeTargetError(`${host} resolves to ${bad.address}, a loopback, private, link-local or reserved address. Webhooks may only call public addresses unless a site operator allows private ones.`);
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
