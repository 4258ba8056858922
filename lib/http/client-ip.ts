/**
 * The caller's address for rate limiting. Behind a proxy the first X-Forwarded-For hop is the
 * client; without one, Next gives no socket address, so loopback stands in.
 */
export function clientIp(h: Headers): string {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h.get("x-real-ip") || "127.0.0.1";
}
