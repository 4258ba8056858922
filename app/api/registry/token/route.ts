// GET|POST /api/registry/token — the distribution token service the registry sends clients to.
import { ValidationError } from "@/lib/errors";
import { parseBasicAuth } from "@/lib/http/basic-auth";
import { clientIp } from "@/lib/http/client-ip";
import { KB, readBodyText } from "@/lib/http/read-body";
import { tokenErrorResponse, tokenResponse } from "./token-response";
import { issueRegistryToken } from "@/lib/services/registry-token/issue";
import { oauthTokenFormSchema } from "@/lib/validations/registry-oauth";
import { tokenQueryFromUrl, tokenQuerySchema } from "@/lib/validations/registry-token";

export const dynamic = "force-dynamic";

// The largest valid form (scope up to 8,000 characters, password 1,024, a few short fields) is
// ~10 KB as docker sends it, and about 40 KB percent-encoded with a scope of escaped ASCII and
// passwords and names of three-byte characters. Anonymous callers reach this endpoint, so
// nothing much beyond that is read.
const MAX_FORM_BYTES = 64 * KB;

/** Token spec GET: Basic auth (password or personal access token) or none; `offline_token=true` adds a refresh token. */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = tokenQuerySchema.safeParse(tokenQueryFromUrl(new URL(request.url)));
    if (!query.success)
      throw new ValidationError("invalid token request", { query: query.error.issues.map((i) => i.message) });
    const basic = parseBasicAuth(request.headers.get("authorization"));
    const issued = await issueRegistryToken({
      service: query.data.service,
      scopes: query.data.scope,
      credentials: basic ? { kind: "basic", ...basic } : null,
      ip: clientIp(request.headers),
      offline: query.data.offline_token === "true",
      clientId: query.data.client_id ?? null,
      userAgent: request.headers.get("user-agent"),
    });
    return tokenResponse(issued, issued.refreshToken ? { refresh_token: issued.refreshToken } : {});
  } catch (err) {
    return tokenErrorResponse(err);
  }
}

/** OAuth2 form, as docker and containerd send: `grant_type=password` or `grant_type=refresh_token`. */
export async function POST(request: Request): Promise<Response> {
  try {
    const form = oauthTokenFormSchema.safeParse(
      Object.fromEntries(new URLSearchParams(await readBodyText(request, MAX_FORM_BYTES))),
    );
    if (!form.success)
      throw new ValidationError("invalid token request", {
        form: form.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
      });
    const f = form.data;
    const issued = await issueRegistryToken({
      service: f.service,
      scopes: f.scope ? [f.scope] : [],
      credentials:
        f.grant_type === "password"
          ? { kind: "basic", username: f.username, password: f.password }
          : { kind: "refresh", refreshToken: f.refresh_token },
      ip: clientIp(request.headers),
      offline: f.grant_type === "password" && f.access_type === "offline",
      clientId: f.client_id,
      userAgent: request.headers.get("user-agent"),
    });
    const scope = issued.access.map((a) => `${a.type}:${a.name}:${a.actions.join(",")}`).join(" ");
    return tokenResponse(issued, { scope, ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}) });
  } catch (err) {
    return tokenErrorResponse(err);
  }
}
