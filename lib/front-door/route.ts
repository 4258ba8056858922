/**
 * What a request to the distribution API at `/v2/…` asks for, read from its path (OCI distribution
 * spec, "Endpoints"). The front door decides from this which rules apply; anything it cannot name
 * is answered by the door itself and never reaches the registry.
 */
export type RegistryRoute =
  | { kind: "base" }
  | { kind: "catalog" }
  | { kind: "tags"; name: string }
  | { kind: "manifest"; name: string; reference: string; byDigest: boolean }
  | { kind: "blob"; name: string; digest: string }
  | { kind: "upload"; name: string; session: string | null }
  | { kind: "referrers"; name: string; digest: string };

export type RouteProblem = { problem: "name-invalid" | "digest-invalid" | "tag-invalid" | "unknown-path" };

// The spec's repository name grammar: lowercase path components joined by `/`.
const NAME = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const SESSION = /^[A-Za-z0-9_=-]{1,200}$/;
/** Names longer than this are refused by the registry too (255 with the host, per the spec). */
const MAX_NAME = 255;

export function parseRegistryPath(pathname: string): RegistryRoute | RouteProblem {
  if (pathname === "/v2" || pathname === "/v2/") return { kind: "base" };
  if (pathname === "/v2/_catalog") return { kind: "catalog" };
  if (!pathname.startsWith("/v2/")) return { problem: "unknown-path" };
  const rest = pathname.slice(4);
  // The endpoint is the last one or two path segments; everything before is the repository name.
  const m =
    /^(.+)\/(tags)\/(list)$/.exec(rest) ??
    /^(.+)\/(manifests)\/([^/]+)$/.exec(rest) ??
    /^(.+)\/(blobs)\/(uploads)\/?([^/]*)$/.exec(rest) ??
    /^(.+)\/(blobs)\/([^/]+)$/.exec(rest) ??
    /^(.+)\/(referrers)\/([^/]+)$/.exec(rest);
  if (!m) return { problem: "unknown-path" };
  const name = m[1]!;
  if (name.length > MAX_NAME || !NAME.test(name)) return { problem: "name-invalid" };
  const endpoint = m[2]!;
  const arg = m[3]!;
  if (endpoint === "tags") return { kind: "tags", name };
  if (endpoint === "manifests") {
    if (arg.includes(":"))
      return DIGEST.test(arg)
        ? { kind: "manifest", name, reference: arg, byDigest: true }
        : { problem: "digest-invalid" };
    return TAG.test(arg) ? { kind: "manifest", name, reference: arg, byDigest: false } : { problem: "tag-invalid" };
  }
  if (endpoint === "blobs" && arg === "uploads") {
    const session = m[4] || null;
    return session === null || SESSION.test(session) ? { kind: "upload", name, session } : { problem: "unknown-path" };
  }
  if (!DIGEST.test(arg)) return { problem: "digest-invalid" };
  return endpoint === "blobs" ? { kind: "blob", name, digest: arg } : { kind: "referrers", name, digest: arg };
}

/** The methods the distribution API defines for each endpoint; anything else is refused at the door. */
export const ALLOWED_METHODS: Record<RegistryRoute["kind"], readonly string[]> = {
  base: ["GET", "HEAD"],
  catalog: ["GET"],
  tags: ["GET"],
  manifest: ["GET", "HEAD", "PUT", "DELETE"],
  blob: ["GET", "HEAD", "DELETE"],
  upload: ["GET", "POST", "PATCH", "PUT", "DELETE"],
  referrers: ["GET"],
};
