import type { z } from "zod";
import { MB } from "@/lib/http/read-body";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import type { TokenPrincipal } from "@/lib/services/personal-access-token/authenticate";

/**
 * What a personal access token must allow for an operation: reading, changing, or deleting
 * registry content (repositories, tags). Read-only tokens cannot mutate anything; deleting a
 * repository or a tag needs a "Read, Write & Delete" token (Docker Hub's scopes).
 */
export type ApiScope = "read" | "write" | "delete";

export type ApiContext<P, Q, B> = {
  params: P;
  query: Q;
  body: B;
  principal: TokenPrincipal;
  actor: Actor & { kind: "user" };
  ip: string | null;
  // The request URL, for `next`/`previous` links.
  url: URL;
};

/**
 * Bytes of JSON body an endpoint reads at most unless it declares `maxBodyBytes`. Far above any
 * valid body (a 25,000-character overview with every character escaped is ~150 KB).
 */
export const DEFAULT_MAX_BODY_BYTES = 1 * MB;

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * One operation of the JSON API: the single description both the route handler and the OpenAPI
 * document are made from, so they cannot disagree. `path` is OpenAPI-style (`/repositories/{namespace}`).
 */
export type Endpoint<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R extends Schema | null = Schema | null,
> = {
  operationId: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  tag: string;
  summary: string;
  description?: string;
  scope: ApiScope;
  params?: P;
  query?: Q;
  body?: B;
  // Bytes of body read at most (413 PAYLOAD_TOO_LARGE beyond); DEFAULT_MAX_BODY_BYTES when unset.
  maxBodyBytes?: number;
  // 200 with a body, 201 for creations, 204 (schema null) for deletions.
  status: 200 | 201 | 202 | 204;
  response: R;
  handler: (ctx: ApiContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<R extends Schema ? z.input<R> : void>;
};

/** Declares an endpoint with its types inferred from its schemas. */
export function endpoint<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema | null = null,
>(def: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return def;
}

// Erased form for registries that hold endpoints of every shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEndpoint = Endpoint<any, any, any, any>;
