import net from "node:net";

/**
 * A lean load generator for small GETs: `clients` keep-alive HTTP/1.1 connections, each sending
 * one request at a time (a closed loop, no pipelining) from bytes built once, and reading each
 * answer's status line, headers and Content-Length body off the socket. On this 2-core machine the
 * bench shares the cores with what it measures, and Node's `http` client spent 0.08–0.15 ms of
 * CPU per GET (bench/notes/pull-counting.md), a quarter of the machine's work per pull; this one
 * spends a fraction of that, so more of the machine is left to the paths being compared.
 *
 * Every answer is checked: status `expectStatus` and a body of exactly `expectBytes` (the caller's
 * manifest); a chunked answer, a closed connection or any other status fails the run.
 */
export type LeanResult = { latencies: number[]; seconds: number; ok: number };

export async function leanGets(opts: {
  url: string;
  path: string;
  headers: Record<string, string>;
  requests: number;
  clients: number;
  expectStatus: number;
  expectBytes: number;
}): Promise<LeanResult> {
  const target = new URL(opts.url);
  const head =
    `GET ${opts.path} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: keep-alive\r\n` +
    Object.entries(opts.headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("") +
    "\r\n";
  const request = Buffer.from(head, "latin1");
  const latencies: number[] = [];
  let left = opts.requests;
  let ok = 0;
  const start = performance.now();
  await Promise.all(
    Array.from(
      { length: Math.min(opts.clients, opts.requests) },
      () =>
        new Promise<void>((resolve, reject) => {
          const socket = net.connect(Number(target.port || 80), target.hostname);
          socket.setNoDelay(true);
          let buffered: Buffer = Buffer.alloc(0);
          let sentAt = 0;
          const fail = (why: string) => {
            socket.destroy();
            reject(new Error(`${opts.url}${opts.path}: ${why}`));
          };
          const send = () => {
            if (left-- <= 0) {
              socket.end();
              return resolve();
            }
            sentAt = performance.now();
            socket.write(request);
          };
          socket.on("connect", send);
          socket.on("error", (err) => fail(err.message));
          socket.on("close", () => {
            if (left >= 0) fail("connection closed mid-run");
          });
          socket.on("data", (chunk: Buffer) => {
            buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
            const end = buffered.indexOf("\r\n\r\n");
            if (end < 0) return;
            const text = buffered.toString("latin1", 0, end);
            const length = /\r\ncontent-length: *(\d+)/i.exec(text);
            if (!length) return fail(`no Content-Length in ${JSON.stringify(text.slice(0, 200))}`);
            const total = end + 4 + Number(length[1]);
            if (buffered.length < total) return;
            const status = Number(text.slice(9, 12));
            if (status !== opts.expectStatus || Number(length[1]) !== opts.expectBytes)
              return fail(`answered ${status} with ${length[1]} bytes`);
            if (buffered.length > total) return fail("more bytes than one answer");
            buffered = Buffer.alloc(0);
            latencies.push(performance.now() - sentAt);
            ok++;
            send();
          });
        }),
    ),
  );
  return { latencies, seconds: (performance.now() - start) / 1000, ok };
}
