import "server-only";
import { z } from "zod";
import { InsufficientScopeError, ValidationError } from "@/lib/errors";
import { authenticateApiRequest } from "@/lib/api/authenticate";
import { clientIp, UNKNOWN_IP } from "@/lib/http/client-ip";
import { errorResponse } from "@/lib/http/errors";
import { parseJson, readBodyText } from "@/lib/http/read-body";
import type { TokenScope } from "@/db/schema";
import { controlCharacterErrors } from "@/lib/validations/control-characters";
import { SCOPE_LABELS } from "@/lib/validations/personal-access-token";
import { DEFAULT_MAX_BODY_BYTES, type AnyEndpoint, type ApiScope } from "./endpoint";

const ALLOWS: Record<TokenScope, ApiScope[]> = {
  read: ["read"],
  read_write: ["read", "write"],
  read_write_delete: ["read", "write", "delete"],
};
const NEEDED: Record<ApiScope, TokenScope> = { read: "read", write: "read_write", delete: "read_write_delete" };

function invalid(where: string, error: z.ZodError): ValidationError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join(".") || where] ??= []).push(issue.message);
  return new ValidationError(`Invalid ${where}`, fieldErrors);
}

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string) {
  if (!schema) return undefined;
  const control = controlCharacterErrors(value, where);
  if (control) throw new ValidationError(`Invalid ${where}`, control);
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(where, r.error);
  return r.data;
}

/**
 * Turns an endpoint declaration into a Next.js route handler: personal-access-token auth, the
 * token's scope against the endpoint's, zod parsing of path, query and body, then the handler
 * (which calls the same services, and so the same authorization, as the UI), and one error mapping.
 */
export function handle(ep: AnyEndpoint) {
  // Next passes no `params` at all to routes without dynamic segments.
  return async (request: Request, context: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const principal = await authenticateApiRequest(request);
      if (!ALLOWS[principal.token.scope].includes(ep.scope)) {
        throw new InsufficientScopeError(
          `This token is ${SCOPE_LABELS[principal.token.scope]}; ${ep.operationId} needs a ${SCOPE_LABELS[NEEDED[ep.scope]]} token.`,
          { required: NEEDED[ep.scope], token: principal.token.scope },
        );
      }
      const url = new URL(request.url);
      const params = parse(
        ep.params,
        Object.fromEntries(Object.entries((await context.params) ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])),
        "path",
      );
      const query = parse(ep.query, Object.fromEntries(url.searchParams), "query");
      let body: unknown = undefined;
      if (ep.body) {
        // Byte limit before anything is parsed, nesting limit before JSON.parse (lib/http/read-body.ts);
        // an empty body is an empty object, so "send at least one field" is zod's to say.
        const text = await readBodyText(request, ep.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        const json = text ? parseJson(text) : {};
        body = parse(ep.body, json, "body");
      }
      const raw = clientIp(request.headers);
      const ip = raw === UNKNOWN_IP ? null : raw;
      const actor = { kind: "user" as const, userId: principal.user.id, isAdmin: principal.user.isAdmin, ip };
      const result = await ep.handler({ params, query, body, principal, actor, ip, url });
      if (ep.status === 204 || ep.response === null) return new Response(null, { status: 204 });
      return Response.json(result, { status: ep.status });
    } catch (err) {
      return errorResponse(err, `${ep.method} ${ep.path}`);
    }
  };
}
