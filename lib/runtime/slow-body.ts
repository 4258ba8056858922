import type { IncomingMessage } from "node:http";

/** A body arriving slower than this many bytes per window, for a whole window, is cut off. */
export const SLOW_BODY = { windowMs: 60_000, minBytes: 60 };

/**
 * Cuts off a client that sends its body slower than 1 byte a second for a minute (a slow-loris
 * upload would otherwise hold a socket and an upstream registry connection for ever). Node's own
 * requestTimeout caps the whole request instead, which would also kill a large upload on a slow
 * but honest line, so the console turns that off and checks progress per window here.
 *
 * Progress is read off the socket's byte count, never by listening to the body (that would start
 * it flowing before its handler is ready). A window in which the body's buffer is full does not
 * count: then the console, or the registry behind it, is the slow one, not the client.
 */
export function cutOffSlowBodies(req: IncomingMessage, limits = SLOW_BODY): void {
  const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
  if (!hasBody || req.complete) return;
  const socket = req.socket;
  let last = socket.bytesRead;
  const timer = setInterval(() => {
    if (req.complete || req.destroyed) return void clearInterval(timer);
    const got = socket.bytesRead - last;
    last = socket.bytesRead;
    const backedUp =
      req.readableLength >= req.readableHighWaterMark || socket.readableLength >= socket.readableHighWaterMark;
    if (got < limits.minBytes && !backedUp) {
      clearInterval(timer);
      socket.destroy();
    }
  }, limits.windowMs);
  timer.unref();
  req.once("end", () => clearInterval(timer)).once("close", () => clearInterval(timer));
}
