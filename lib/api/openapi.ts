import "server-only";
import { z } from "zod";
import { MAX_JSON_DEPTH } from "@/lib/http/read-body";
import { DEFAULT_MAX_BODY_BYTES, type AnyEndpoint } from "./endpoint";

type JsonSchema = Record<string, unknown>;

const toSchema = (s: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchema;
  return rest;
};

const errorSchema: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: {
          type: "string",
          description:
            "Stable, for programs: NOT_FOUND, FORBIDDEN, INSUFFICIENT_SCOPE, UNAUTHORIZED, CONFLICT, VALIDATION_FAILED, MALFORMED_JSON, JSON_TOO_DEEP, PAYLOAD_TOO_LARGE, RATE_LIMITED, REGISTRY_UNAVAILABLE, …",
        },
        message: { type: "string", description: "For people" },
        details: {
          type: "object",
          description:
            "fieldErrors for VALIDATION_FAILED; required/token for INSUFFICIENT_SCOPE; maxDepth for JSON_TOO_DEEP; limitBytes for PAYLOAD_TOO_LARGE",
        },
      },
    },
  },
};

const ERRORS: Record<string, string> = {
  "400": `Invalid path, query or body (VALIDATION_FAILED, MALFORMED_JSON; JSON_TOO_DEEP when it nests more than ${MAX_JSON_DEPTH} levels)`,
  "401": "Missing, invalid, expired or deactivated token (UNAUTHORIZED)",
  "403": "The token's scope or the user's role does not allow this (INSUFFICIENT_SCOPE, FORBIDDEN)",
  "404": "Not found, or private to others (NOT_FOUND)",
  "409": "Conflicts with the current state (CONFLICT; GC_ALREADY_RUNNING, GC_NOT_MANAGED for garbage collection)",
  "429": "Too many failed attempts (RATE_LIMITED)",
  "502": "The registry answered with an error the console did not expect (REGISTRY_ERROR)",
  "503": "The registry is unreachable (REGISTRY_UNAVAILABLE)",
};

/** A parameter list from a zod object (path or query). */
function parameters(schema: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === "path" || (json.required ?? []).includes(name),
      schema: rest,
      ...(description ? { description } : {}),
    };
  });
}

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same endpoint declarations (and so the
 * same zod schemas) the route handlers run: request schemas as clients send them (io "input"),
 * response schemas as the console sends them.
 */
export function buildOpenApiDocument(endpoints: AnyEndpoint[], serverUrl: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const ep of endpoints) {
    const responses: Record<string, JsonSchema> = {};
    responses[String(ep.status)] = ep.response
      ? { description: "OK", content: { "application/json": { schema: toSchema(ep.response, "input") } } }
      : { description: "Done (no body)" };
    const errors = ep.body
      ? {
          ...ERRORS,
          "413": `The body is larger than ${(ep.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES).toLocaleString("en")} bytes (PAYLOAD_TOO_LARGE)`,
        }
      : ERRORS;
    for (const [code, description] of Object.entries(errors))
      responses[code] = {
        description,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    (paths[ep.path] ??= {})[ep.method.toLowerCase()] = {
      operationId: ep.operationId,
      tags: [ep.tag],
      summary: ep.summary,
      ...(ep.description ? { description: ep.description } : {}),
      "x-token-scope": ep.scope === "read" ? "read" : ep.scope === "write" ? "read_write" : "read_write_delete",
      parameters: [...parameters(ep.params, "path"), ...parameters(ep.query, "query")],
      ...(ep.body
        ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(ep.body, "input") } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Dockyard API",
      version: "1",
      description:
        "Manage repositories, tags, tokens, organizations, teams, webhooks and the audit log. Authenticate with a personal access token: `Authorization: Bearer rcp_…`. Read-only tokens can only read; deleting repositories and tags needs a Read, Write & Delete token. Lists take `page` and `page_size` (at most 100) and answer `{count, next, previous, results}`. Errors are `{error: {code, message, details}}`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ personalAccessToken: [] }],
    components: {
      securitySchemes: {
        personalAccessToken: {
          type: "http",
          scheme: "bearer",
          description: "A personal access token (rcp_…), created under Settings → Personal access tokens",
        },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
