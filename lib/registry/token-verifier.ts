import crypto from "node:crypto";
import { getEnv } from "@/lib/env";
import { signingCertificate, type AccessEntry } from "./token-signer";

export type VerifiedToken = { subject: string; access: AccessEntry[]; expiresAt: number };

// Checked tokens by their text: a pull is a dozen requests with the same token, and docker keeps
// one for its whole lifetime. Bounded; a full map starts over.
const checked = new Map<string, VerifiedToken>();
const MAX_CHECKED = 10_000;

/**
 * The registry bearer token the console minted, read back: its signature (our key), issuer,
 * audience and expiry are checked, so a forged `sub` cannot spend someone else's limits. Anything
 * else is null; the registry then refuses the request itself.
 */
/** Whether `token` grants `action` (any action, when none is named) on the repository `name`. */
export function tokenGrants(token: VerifiedToken | null, name: string, action?: string): boolean {
  return (
    token?.access.some(
      (a) => a.type === "repository" && a.name === name && (action ? a.actions.includes(action) : a.actions.length > 0),
    ) ?? false
  );
}

export function verifyRegistryToken(token: string, now = Date.now()): VerifiedToken | null {
  const hit = checked.get(token);
  if (hit) return hit.expiresAt * 1000 > now ? hit : null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  let claims: { iss?: unknown; aud?: unknown; sub?: unknown; exp?: unknown; nbf?: unknown; access?: unknown };
  try {
    const head = JSON.parse(Buffer.from(header, "base64url").toString()) as { alg?: unknown };
    if (head.alg !== "ES256") return null;
    const ok = crypto.verify(
      "sha256",
      Buffer.from(`${header}.${payload}`),
      { key: signingCertificate().publicKey, dsaEncoding: "ieee-p1363" },
      Buffer.from(signature, "base64url"),
    );
    if (!ok) return null;
    claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as typeof claims;
  } catch {
    return null;
  }
  const env = getEnv();
  if (claims.iss !== env.REGISTRY_ISSUER || claims.aud !== env.REGISTRY_SERVICE) return null;
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= now) return null;
  if (typeof claims.nbf === "number" && claims.nbf * 1000 > now + 60_000) return null;
  const verified: VerifiedToken = {
    subject: typeof claims.sub === "string" ? claims.sub : "",
    access: Array.isArray(claims.access) ? (claims.access as AccessEntry[]) : [],
    expiresAt: claims.exp,
  };
  if (checked.size >= MAX_CHECKED) checked.clear();
  checked.set(token, verified);
  return verified;
}
