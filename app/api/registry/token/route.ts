// GET|POST /api/registry/token — the distribution token service the registry sends clients to.
import { parseBasicAuth } from "@/lib/http/basic-auth";
import { tokenErrorResponse, tokenResponse } from "@/lib/http/registry-token-response";
import { ValidationError } from "@/lib/errors";
import { issueRegistryToken } from "@/lib/services/registry-token/issue";
import { tokenQueryFromUrl, tokenQuerySchema } from "@/lib/validations/registry-token";
import { oauthTokenFormSchema } from "@/lib/validations/registry-oauth";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const query = tokenQuerySchema.safeParse(tokenQueryFromUrl(new URL(request.url)));
    if (!query.success) throw new ValidationError("invalid token request", { query: query.error.issues.map((i) => i.message) });
    const credentials = parseBasicAuth(request.headers.get("authorization"));
    const issued = await issueRegistryToken({ service: query.data.service, scopes: query.data.scope, credentials });
    return tokenResponse(issued);
  } catch (err) {
    return tokenErrorResponse(err);
  }
}

/** OAuth2 form (`grant_type=password`), as docker and containerd send on `docker login`. */
export async function POST(request: Request): Promise<Response> {
  try {
    const form = oauthTokenFormSchema.safeParse(Object.fromEntries(new URLSearchParams(await request.text())));
    if (!form.success) throw new ValidationError("invalid token request", { form: form.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
    const f = form.data;
    const issued = await issueRegistryToken({ service: f.service, scopes: f.scope ? [f.scope] : [], credentials: { username: f.username, password: f.password } });
    return tokenResponse(issued, { scope: issued.access.map((a) => `${a.type}:${a.name}:${a.actions.join(",")}`).join(" ") });
  } catch (err) {
    return tokenErrorResponse(err);
  }
}
