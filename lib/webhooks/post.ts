import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedTarget } from "./ssrf";

export type PostResult = { statusCode: number; excerpt: string; durationMs: number };

const EXCERPT_BYTES = 1024;
const READ_LIMIT = 64 * 1024;

/**
 * POSTs a JSON body to the already resolved and checked address. The connection goes to that
 * address, not to a fresh DNS answer (no rebinding between the check and the request); the Host
 * header and TLS name stay the URL's. Redirects are not followed. At most 64 KB of the answer is
 * read, the first 1 KB kept for the log. Rejects on network errors and on timeout.
 */
export function postJson(
  target: ResolvedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostResult> {
  const started = performance.now();
  const lookup: LookupFunction = (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all)
      (cb as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else cb(null, target.address, target.family);
  };
  const transport = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target.url,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        lookup,
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < READ_LIMIT) chunks.push(c);
          size += c.length;
          if (size >= READ_LIMIT) res.destroy();
        });
        const done = () =>
          resolve({
            statusCode: res.statusCode ?? 0,
            excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8"),
            durationMs: Math.round(performance.now() - started),
          });
        res.on("end", done);
        res.on("close", done);
        res.on("error", done);
      },
    );
    // One deadline for the whole exchange, not only socket idleness.
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (err) => reject(err));
    req.on("close", () => clearTimeout(timer));
    req.end(body);
  });
}
