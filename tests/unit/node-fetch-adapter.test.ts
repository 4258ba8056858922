import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PayloadTooLargeError } from "@/lib/errors";
import { KB, readBodyText } from "@/lib/http/read-body";
import { serveFetchHandler } from "@/lib/runtime/node-fetch-adapter";
import { streamingPost } from "@/tests/helpers/streaming-post";

/**
 * The adapter that serves the token and event endpoints (scripts/web-server.ts) reads a body only
 * as far as the handler does: a 413 after 64 KB reaches the client while it is still sending, the
 * server has pulled little more than the limit off the socket, and the connection is then closed.
 */
let server: http.Server;
let url = "";
const socketBytesRead: number[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const handler = async (request: Request): Promise<Response> => {
      if (new URL(request.url).pathname === "/ignore") return Response.json({ ignored: true });
      try {
        return Response.json({ bytes: (await readBodyText(request, 64 * KB)).length });
      } catch (err) {
        if (err instanceof PayloadTooLargeError) return Response.json({ code: err.code }, { status: 413 });
        throw err;
      }
    };
    const socket = req.socket; // still there to ask once the connection is closed
    void serveFetchHandler(handler, req, res).then(() => socketBytesRead.push(socket.bytesRead));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("serveFetchHandler and request bodies", () => {
  it("answers 413 to a 30 MB chunked body while the client is still sending, having read little of it", async () => {
    socketBytesRead.length = 0;
    const r = await streamingPost(`${url}/read`, { total: 30 * 1024 * 1024 });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text)).toEqual({ code: "PAYLOAD_TOO_LARGE" });
    expect(r.headers.connection).toBe("close");
    expect(r.finishedSending).toBe(false);
    // The limit, the chunk that crossed it, and what was already buffered in the stream.
    expect(socketBytesRead[0]).toBeLessThan(512 * KB);
  });

  it("answers a Content-Length over the limit at once, without waiting for the body", async () => {
    const r = await streamingPost(`${url}/read`, { total: 1024, contentLength: 30 * 1024 * 1024, timeoutMs: 5000 });
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe("close");
  });

  it("reads a body within the limit whole and keeps the connection; a handler may ignore the body", async () => {
    const ok = await streamingPost(`${url}/read`, { total: 64 * KB, chunk: 1000 });
    expect([ok.status, JSON.parse(ok.text), ok.headers.connection]).toEqual([200, { bytes: 64 * KB }, "keep-alive"]);
    const ignored = await fetch(`${url}/ignore`, { method: "POST", body: "x".repeat(100) });
    // Kept alive if the body had arrived by the answer, closed if not: either way, answered.
    expect(await ignored.json()).toEqual({ ignored: true });
  });
});
