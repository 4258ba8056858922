import { AppError, UnauthorizedError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import type { IssuedToken } from "@/lib/services/registry-token/issue";

/** The token body docker, containerd and skopeo read (`token` and its OAuth2 alias `access_token`). */
export function tokenResponse(t: IssuedToken, extra: Record<string, unknown> = {}): Response {
  return Response.json(
    { token: t.token, access_token: t.token, expires_in: t.expiresIn, issued_at: t.issuedAt, ...extra },
    { headers: { "Cache-Control": "no-store", Pragma: "no-cache" } },
  );
}

/**
 * Token-endpoint errors in the registry's error shape (`errors: [{code, message}]`), which docker
 * prints verbatim after "unauthorized:", with our stable `error` object beside it for API clients.
 */
export function tokenErrorResponse(err: unknown): Response {
  if (!(err instanceof AppError)) return errorResponse(err, "registry token endpoint");
  const base = errorResponse(err, "registry token endpoint");
  const headers = new Headers(base.headers);
  headers.set("Cache-Control", "no-store");
  if (err instanceof UnauthorizedError) headers.set("WWW-Authenticate", 'Basic realm="registry-console"');
  // docker prints `<code>: <message>` from `errors`, lower-cased code; DENIED and TOOMANYREQUESTS are the registry's own words.
  const registryCode = err.code === "FORBIDDEN" ? "DENIED" : err.code === "RATE_LIMITED" ? "TOOMANYREQUESTS" : err.code;
  const body = {
    errors: [{ code: registryCode, message: err.message, detail: err.details ?? null }],
    error: { code: err.code, message: err.message },
    details: err.message,
  };
  return Response.json(body, { status: base.status, headers });
}
