import "server-only";
import { API_ENDPOINTS } from "./catalog";
import { buildOpenApiDocument } from "./openapi";

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  const?: unknown;
};

export type Operation = {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  scope: string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: JsonSchema; description?: string }>;
  requestBody?: JsonSchema;
  success: { status: string; schema?: JsonSchema };
};

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        tags: string[];
        summary: string;
        description?: string;
        "x-token-scope": string;
        parameters: Operation["parameters"];
        requestBody?: { content: { "application/json": { schema: JsonSchema } } };
        responses: Record<string, { content?: { "application/json": { schema: JsonSchema } } }>;
      }
    >
  >;
};

/** The OpenAPI document flattened into operations grouped by tag, for the docs page. */
export function apiOperationsByTag(serverUrl: string): Array<{ tag: string; operations: Operation[] }> {
  const doc = buildOpenApiDocument(API_ENDPOINTS, serverUrl) as unknown as Doc;
  const groups = new Map<string, Operation[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const status = Object.keys(op.responses).find((s) => s.startsWith("2"))!;
      const list = groups.get(op.tags[0]!) ?? [];
      list.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        summary: op.summary,
        description: op.description,
        scope: op["x-token-scope"],
        parameters: op.parameters,
        requestBody: op.requestBody?.content["application/json"].schema,
        success: { status, schema: op.responses[status]?.content?.["application/json"].schema },
      });
      groups.set(op.tags[0]!, list);
    }
  }
  return [...groups.entries()].map(([tag, operations]) => ({ tag, operations }));
}
