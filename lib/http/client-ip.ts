import { getEnv } from "@/lib/env";

export const UNKNOWN_IP = "unknown";

/**
 * The caller's address, for per-address sign-in limits and session records. Next's route handlers
 * do not expose the socket address, so the address comes from X-Forwarded-For, and only when
 * TRUST_PROXY says a proxy of ours sets it: otherwise anyone could forge it to dodge the limit or to
 * lock out someone else's address. Without it the address is unknown and only per-account limits apply.
 */
export function clientIp(h: Headers): string {
  if (!trustsProxy()) return UNKNOWN_IP;
  return firstForwardedFor(h.get("x-forwarded-for")) || h.get("x-real-ip") || UNKNOWN_IP;
}

/** Whether a proxy of ours sets X-Forwarded-For (TRUST_PROXY), so the header may be believed. */
export function trustsProxy(): boolean {
  const trusted = getEnv().TRUST_PROXY;
  return trusted === "1" || trusted === "true";
}

/** The client a proxy chain names first in X-Forwarded-For; "" without one. */
export function firstForwardedFor(header: string | string[] | null | undefined): string {
  return (
    String(header ?? "")
      .split(",")[0]
      ?.trim() ?? ""
  );
}
