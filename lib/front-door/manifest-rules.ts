import type { RegistryError } from "@/lib/http/registry-errors";
import { verifyRegistryToken, type VerifiedToken } from "@/lib/registry/token-verifier";
import type { IncomingMessage } from "node:http";

/**
 * What a manifest PUT or DELETE would change, for the rules that may refuse it before the
 * registry is asked (immutable tags, storage quotas). A refused write never reaches
 * the registry, so the tag stays where it was.
 */
export type ManifestWrite = {
  method: "PUT" | "DELETE";
  /** `namespace/name` */
  repository: string;
  /** The tag or digest in the path. */
  reference: string;
  byDigest: boolean;
  /** PUT only: the manifest as sent (at most 4 MiB) and its media type. */
  body?: Buffer;
  mediaType?: string;
  /** PUT only: the sha256 digest of `body`, the one the registry will give it (hashed once, for every rule). */
  digest?: string;
  /** The account in the client's registry token; null for an anonymous or unreadable one. */
  username: string | null;
  /**
   * Whether the client's token names this repository. Rules that explain a refusal (an immutable
   * tag) do so only to such a client; anyone else gets the registry's own answer, which says
   * nothing about what the repository holds.
   */
  granted: boolean;
  /**
   * For a rule that let the write through but holds something for it (a storage reservation):
   * called with the registry's status once it answers, before the client hears it. Not called
   * when the client or the registry leaves first. Failures are ignored (the answer goes on).
   */
  afterAnswer: (fn: (status: number) => Promise<void> | void) => void;
};

export type ManifestRule = (write: ManifestWrite) => Promise<RegistryError | null> | RegistryError | null;

/** The first rule that refuses wins; none refusing lets the write through. */
export async function checkManifestWrite(
  rules: readonly ManifestRule[],
  write: ManifestWrite,
): Promise<RegistryError | null> {
  for (const rule of rules) {
    const refusal = await rule(write);
    if (refusal) return refusal;
  }
  return null;
}

/** The client's registry token, checked (signature, issuer, audience, expiry); null without a valid one. */
export function tokenOf(req: IncomingMessage): VerifiedToken | null {
  const auth = req.headers.authorization;
  return auth?.startsWith("Bearer ") ? verifyRegistryToken(auth.slice(7)) : null;
}
