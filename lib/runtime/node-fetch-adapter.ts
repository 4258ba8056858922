import type { IncomingMessage, ServerResponse } from "node:http";

/** A fetch-API route handler, the shape of the functions a Next.js `route.ts` exports. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * The request body as a web stream that reads from the socket only when the handler reads
 * (highWaterMark 0). Cancelling it pauses the request instead of destroying it: destroying an
 * unfinished IncomingMessage destroys its socket, and the handler's 413 would never reach the
 * client. serveFetchHandler closes the connection after the answer instead.
 */
function requestBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let onData: ((chunk: Buffer) => void) | null = null;
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!onData) {
          const settle = (finish: () => void) => {
            if (!settled) finish();
            settled = true;
          };
          onData = (chunk) => {
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            if ((controller.desiredSize ?? 0) <= 0) req.pause();
          };
          req.on("data", onData);
          req.once("end", () => settle(() => controller.close()));
          req.once("error", (err) => settle(() => controller.error(err)));
          // The client went away before the end of the body.
          req.once("close", () => settle(() => controller.error(new Error("request body aborted"))));
        }
        req.resume();
      },
      cancel() {
        settled = true;
        if (onData) req.off("data", onData);
        req.pause();
      },
    },
    { highWaterMark: 0 },
  );
}

// How long, and how much, of an upload is discarded after an early answer before the socket closes
// (nginx's lingering_timeout and lingering_time): the socket closes once the client has sent nothing
// for LINGER_IDLE_MS, and at the latest after LINGER_MAX_MS or LINGER_BYTES. The bytes must cover
// what was already in flight when the answer left: loopback socket buffers hold several MB, and at
// 4 MB a fast client was still reset before it read the answer (seen as EPIPE). A fixed 2 s in all
// was not enough either when the machine was loaded (a client busy for 2 s got reset, EPIPE again);
// the idle timer only runs out on a client that has stopped sending.
const LINGER_IDLE_MS = 2000;
const LINGER_MAX_MS = 30_000;
const LINGER_BYTES = 64 * 1024 * 1024;

/**
 * The answer went out before the whole body came in (a 413, a 401 before reading): the
 * connection is closed after it, not kept alive by reading the rest. But not at once: Node closes
 * right after the answer's FIN, and closing a socket with unread input makes the kernel send a
 * reset, on which a client still sending can lose the answer it has not read yet (it sees EPIPE
 * instead of the 413). So a lingering close, as web servers do: the FIN, then what still arrives
 * is discarded (never buffered) until the client closes or stops sending, within the limits above.
 */
export function closeAfterAnswer(req: IncomingMessage): void {
  const socket = req.socket;
  // Called by Node's HTTP server once the answer is written (Connection: close).
  socket.destroySoon = () => {
    socket.end();
    const close = () => socket.destroy();
    const latest = setTimeout(close, LINGER_MAX_MS).unref();
    let idle = setTimeout(close, LINGER_IDLE_MS).unref();
    socket.once("close", () => {
      clearTimeout(latest);
      clearTimeout(idle);
    });
    let discarded = 0;
    req.removeAllListeners("data");
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > LINGER_BYTES) return close();
      clearTimeout(idle);
      idle = setTimeout(close, LINGER_IDLE_MS).unref();
    });
    req.resume();
  };
}

/**
 * Serves a fetch-API handler from node:http: the request becomes a `Request` (body streamed for
 * methods that have one, read only as far as the handler reads it), the `Response` is written
 * back. Lets the console's own server call a route module's GET/POST without Next's request
 * pipeline in between.
 */
export async function serveFetchHandler(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method,
    headers,
    body: hasBody ? requestBody(req) : undefined,
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
  if (hasBody && !req.complete) {
    out["connection"] = "close";
    closeAfterAnswer(req);
  }
  res.writeHead(response.status, out);
  res.end(body ?? undefined);
}
