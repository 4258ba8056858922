import type { IncomingMessage, ServerResponse } from "node:http";

/** A fetch-API route handler, the shape of the functions a Next.js `route.ts` exports. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Serves a fetch-API handler from node:http: the request becomes a `Request` (body streamed for
 * methods that have one), the `Response` is written back. Lets the console's own server call a
 * route module's GET/POST without Next's request pipeline in between.
 */
export async function serveFetchHandler(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method,
    headers,
    body: hasBody ? (req as unknown as ReadableStream) : undefined,
    // Required by undici whenever the body is a stream.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await handler(request);
  const body = method === "HEAD" || response.body === null ? null : Buffer.from(await response.arrayBuffer());
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    out[key] = key === "set-cookie" ? response.headers.getSetCookie() : value;
  });
  if (body) out["content-length"] = String(body.length);
  res.writeHead(response.status, out);
  res.end(body ?? undefined);
}
