import Ajv2020 from "ajv/dist/2020";
import type { ValidateFunction } from "ajv";

type Operation = {
  operationId: string;
  method: string;
  path: string;
  responses: Record<string, { content?: { "application/json"?: { schema: unknown } } }>;
};
export type ApiResult<T = any> = { status: number; body: T; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A client of /api/v1 for tests that checks every answer against the console's own OpenAPI
 * document: the status must be declared for the operation and the JSON body must match its
 * schema (204 must be empty). Operations are called by operationId, so a test names what it covers.
 */
export async function openApiClient(consoleUrl: string) {
  const doc = (await (await fetch(`${consoleUrl}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, Omit<Operation, "method" | "path">>>;
    components: { schemas: Record<string, unknown> };
  };
  const ops = new Map<string, Operation>();
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods))
      ops.set(op.operationId, { ...op, method: method.toUpperCase(), path });
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  // Inline the component references, so each response schema compiles on its own.
  const inline = (s: unknown): unknown =>
    JSON.parse(JSON.stringify(s), (_k, v) =>
      v && typeof v === "object" && typeof v.$ref === "string" ? doc.components.schemas[v.$ref.split("/").pop()] : v,
    );
  const validators = new Map<string, ValidateFunction>();
  const called = new Set<string>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function call<T = any>(
    operationId: string,
    token: string | null,
    opts: {
      params?: Record<string, string>;
      query?: Record<string, string | number>;
      body?: unknown;
      rawBody?: string;
    } = {},
  ): Promise<ApiResult<T>> {
    const op = ops.get(operationId);
    if (!op) throw new Error(`the OpenAPI document has no operation ${operationId}`);
    called.add(operationId);
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = opts.params?.[name];
      if (value === undefined) throw new Error(`${operationId}: missing path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const url = new URL(`${consoleUrl}/api/v1${path}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    const hasBody = opts.body !== undefined || opts.rawBody !== undefined;
    if (hasBody) headers["Content-Type"] = "application/json";
    const res = await fetch(url, {
      method: op.method,
      headers,
      body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    });
    const text = await res.text();
    const declared = op.responses[String(res.status)];
    if (!declared)
      throw new Error(`${operationId} answered ${res.status}, which the OpenAPI document does not declare:\n${text}`);
    const schema = declared.content?.["application/json"]?.schema;
    if (!schema) {
      if (text !== "")
        throw new Error(`${operationId} answered ${res.status} with a body where the document declares none: ${text}`);
      return { status: res.status, body: undefined as T, headers: res.headers };
    }
    const key = `${operationId}:${res.status}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(inline(schema) as object);
      validators.set(key, validate);
    }
    const body = JSON.parse(text) as T;
    if (!validate(body))
      throw new Error(
        `${operationId} ${res.status} does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 2000)}`,
      );
    return { status: res.status, body, headers: res.headers };
  }

  return { call, operations: () => [...ops.keys()], called: () => [...called], doc };
}
