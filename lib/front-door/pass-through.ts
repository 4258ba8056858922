import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { registryErrorBody } from "@/lib/http/registry-errors";

/**
 * The front door's pipe to the registry: the request goes up and the answer comes back as
 * streams, so a 256 MB layer is never held in memory (pipe() applies backpressure both ways),
 * and what the client sends (methods, Range, chunked uploads, `?mount=&from=`, Authorization) and
 * what the registry answers (status, Location, Docker-Content-Digest, WWW-Authenticate, error
 * bodies) pass unchanged, but for the hop-by-hop headers a proxy must not forward (RFC 9110 §7.6.1).
 */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);
// Where the client says it is: believed only from a proxy of ours (TRUST_PROXY), as for sign-in limits.
const FORWARDING = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip"];

export type Upstream = { origin: string; host: string; port: number; agent: http.Agent };

export function createUpstream(registryUrl: string): Upstream {
  const url = new URL(registryUrl);
  return {
    origin: url.origin,
    host: url.hostname,
    port: Number(url.port || 80),
    // Connections to the registry are reused: a pull is a dozen requests.
    agent: new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64 }),
  };
}

export type PassOptions = {
  trustProxy: boolean;
  /** The body, when the door has read it already (a manifest it checked); otherwise the request streams. */
  body?: Buffer;
  /** Headers the door adds to the registry's answer (rate-limit state). */
  extraHeaders?: Record<string, string>;
  /**
   * Sees the registry's status and headers before the client does (pull counting, recording
   * pushes); the answer waits until it resolves. When it rejects (the database is unreachable) the
   * client gets 503 instead of the registry's answer, so nothing is served that was not recorded.
   */
  beforeAnswer?: (status: number, headers: IncomingHttpHeaders) => Promise<void> | void;
};

export function passThrough(up: Upstream, req: IncomingMessage, res: ServerResponse, opts: PassOptions): void {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || (!opts.trustProxy && FORWARDING.includes(k))) continue;
    headers[k] = v;
  }
  // The client's Host goes up unchanged, so the registry writes Location and the token realm for
  // the address the client used, not for its own loopback one.
  if (opts.body) headers["content-length"] = String(opts.body.length);

  const upReq = http.request({
    host: up.host,
    port: up.port,
    method: req.method,
    path: req.url,
    headers,
    agent: up.agent,
  });
  let answered = false;
  upReq.on("response", (upRes) => {
    answered = true;
    const status = upRes.statusCode ?? 502;
    // The registry hung up mid-answer: the client must not take a cut-short body for a whole one.
    upRes.on("error", () => res.destroy());
    const answer = () => {
      if (res.destroyed) return void upRes.destroy();
      forward(upRes, res, up, opts);
    };
    const before = opts.beforeAnswer?.(status, upRes.headers);
    if (!before) return answer();
    before.then(answer, () => {
      upRes.destroy();
      answerNotRecorded(res);
    });
  });
  upReq.on("error", () => {
    if (answered || res.headersSent) return void res.destroy();
    if (res.destroyed) return;
    res.writeHead(503, { "content-type": "application/json", "retry-after": "5" });
    res.end(registryErrorBody("UNAVAILABLE", "The registry is not reachable right now. Try again in a moment."));
  });
  // The client gave up (closed mid-upload or mid-download): nothing stays open upstream.
  res.on("close", () => {
    if (!res.writableFinished) upReq.destroy();
  });
  res.on("error", () => upReq.destroy());
  if (opts.body) return void upReq.end(opts.body);
  // pipe() and these listeners, not pipeline(): pipeline() costs an AbortController and an
  // AbortError (with its stack trace) per call, ~40 µs each here, a tenth of the door's CPU for a
  // manifest GET (bench/front-door.ts). The teardown is pipeline()'s: whichever side fails, the other goes.
  req.once("close", () => {
    if (!req.complete) upReq.destroy();
  });
  upReq.once("error", () => {
    if (!req.complete) req.destroy();
  });
  req.pipe(upReq);
}

/** What a client hears instead of an answer the door could not record (the database is unreachable). */
export function answerNotRecorded(res: ServerResponse): void {
  if (res.headersSent || res.destroyed) return void res.destroy();
  res.writeHead(503, { "content-type": "application/json", "retry-after": "2" });
  res.end(registryErrorBody("UNAVAILABLE", "The console could not record this request. Try again in a moment."));
}

/** The registry's answer to the client: status, headers (Location made public) and the streamed body. */
function forward(upRes: IncomingMessage, res: ServerResponse, up: Upstream, opts: PassOptions): void {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(upRes.headers)) {
    if (v === undefined || HOP_BY_HOP.has(k)) continue;
    out[k] = k === "location" && typeof v === "string" ? publicLocation(v, up) : v;
  }
  Object.assign(out, opts.extraHeaders);
  // Gone while the door was recording (the registry hung up): nothing whole to pass on.
  if (upRes.destroyed && !upRes.complete) return void res.destroy();
  res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, out);
  upRes.once("close", () => {
    if (!upRes.complete) res.destroy();
  });
  upRes.pipe(res);
}

/**
 * A Location the registry made absolute with its own address (it should not: it sees the client's
 * Host) is made relative to the door, which clients resolve against the address they used.
 */
function publicLocation(location: string, up: Upstream): string {
  return location.startsWith(up.origin) ? location.slice(up.origin.length) || "/" : location;
}
