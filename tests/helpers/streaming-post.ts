import http from "node:http";

export type StreamedAnswer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // Body bytes the client had handed to its socket when the answer's headers arrived.
  sentBeforeAnswer: number;
  // Whether the client had sent the whole body by then (it stops sending once answered).
  finishedSending: boolean;
};

/**
 * POSTs a body of `total` bytes in `chunk`-byte pieces, as fast as the server takes them, and
 * stops sending as soon as the answer arrives: shows whether a server answers an oversized body
 * without reading it all. Without `contentLength` the body goes chunked (no Content-Length);
 * with it, that header is sent whatever `total` is (a lie a client may tell).
 */
export function streamingPost(
  url: string,
  opts: { total: number; chunk?: number; contentLength?: number; headers?: Record<string, string>; timeoutMs?: number },
): Promise<StreamedAnswer> {
  const chunk = Buffer.alloc(opts.chunk ?? 64 * 1024, "a");
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.contentLength !== undefined) headers["Content-Length"] = String(opts.contentLength);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered: StreamedAnswer | null = null;
    // A fresh connection each time (its own agent, still asking for keep-alive): a pooled socket from
    // an earlier request may be one the server is closing after an early answer (EPIPE on write).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const req = http.request(url, { method: "POST", headers, agent });
    req.once("close", () => agent.destroy());
    // A server that waits for the rest of a body it should have refused never answers.
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer after ${sent} bytes sent`));
    }, opts.timeoutMs ?? 15_000);
    req.on("response", (res) => {
      clearTimeout(timer);
      answered = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: "",
        sentBeforeAnswer: sent,
        finishedSending: sent >= opts.total,
      };
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      // "close" also when the server drops the connection right after its answer.
      res.on("close", () => {
        resolve({ ...answered!, text: Buffer.concat(parts).toString("utf8") });
        req.destroy();
      });
    });
    // A server that answers early may close the connection under the upload (EPIPE, ECONNRESET):
    // only an error before any answer is a failure.
    req.on("error", (err) => {
      if (answered) return;
      clearTimeout(timer);
      reject(err);
    });
    const pump = () => {
      while (!answered && !req.destroyed && sent < opts.total) {
        const piece = sent + chunk.length <= opts.total ? chunk : chunk.subarray(0, opts.total - sent);
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered && !req.destroyed && sent >= opts.total && sent >= (opts.contentLength ?? 0)) req.end();
    };
    pump();
  });
}
