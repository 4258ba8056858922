import { getEnv } from "@/lib/env";

export const UNKNOWN_IP = "unknown";

/**
 * The caller's address, for per-address sign-in limits and session records. Next's route handlers
 * do not expose the socket address, so the address comes from X-Forwarded-For, and only when
 * TRUST_PROXY says a proxy of ours sets it: otherwise anyone could forge it to dodge the limit or to
 * lock out someone else's address. Without it the address is unknown and only per-account limits apply.
 */
export function clientIp(h: Headers): string {
  const trusted = getEnv().TRUST_PROXY;
  if (trusted !== "1" && trusted !== "true") return UNKNOWN_IP;
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || UNKNOWN_IP;
}
