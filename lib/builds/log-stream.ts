import "server-only";
import { isFinishedBuild } from "@/db/schema/build-records";
import { getBuildProgress, readBuildLog } from "@/lib/data/builds";
import { onBuildNews } from "./log-feed";

/** How often a follower asks the database, for builds run by another console process. */
export const LOG_POLL_MS = 500;
/** A comment line this often keeps proxies and the browser from dropping an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** Per message: a slice of pieces, so a 50 MB log goes out in steps the client's pace allows. */
const SLICE_BYTES = 256 * 1024;

const encoder = new TextEncoder();

/**
 * A build's log as server-sent events, for the live log (components/builds/build-log.tsx):
 * - `id: <seq>` + `data: "<text>"` (a JSON string, so carriage returns and newlines survive) for
 *   each slice of stored pieces after `afterSeq` (the browser resends the last id as
 *   Last-Event-ID when it reconnects, so nothing is sent twice);
 * - `event: status` when the status changes, and `event: end` once the build has finished and
 *   everything was sent (the status is read before the pieces: the job stores its last piece
 *   before it records the end, so a finished status with no piece left means the log is whole);
 * - `: keep-alive` every 15 s while nothing else is sent.
 * Pull-based: the next slice is read only when the client has taken the last one. Between
 * slices it waits for this process's news of the build (lib/builds/log-feed.ts) or 500 ms,
 * whichever comes first, and then checks the database. Stops on `signal` (the client left).
 */
export function buildLogEvents(buildId: string, afterSeq: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  let seq = afterSeq;
  let status: string | null = null;
  let knownBytes = -1;
  let nudged = true;
  let lastSent = Date.now();
  let wake: (() => void) | null = null;
  let stopped = false;
  const decoder = new TextDecoder();
  const stopListening = onBuildNews(buildId, () => {
    nudged = true;
    wake?.();
  });
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopListening();
    wake?.();
  };
  signal.addEventListener("abort", stop, { once: true });

  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode("retry: 2000\n\n"));
      },
      async pull(controller) {
        const send = (text: string) => {
          controller.enqueue(encoder.encode(text));
          lastSent = Date.now();
        };
        try {
          if (await follow(send)) return;
        } catch (err) {
          // The database went away: the browser reconnects (retry: 2000) and resumes after the last id.
          stop();
          controller.error(err);
          return;
        }
        stop();
        try {
          controller.close();
        } catch {
          // Already cancelled: the client left first.
        }
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 1 },
  );

  /** Sends the next message; true when one was sent, false when the stream is over. */
  async function follow(send: (text: string) => void): Promise<boolean> {
    while (!stopped) {
      const progress = await getBuildProgress(buildId);
      if (!progress) {
        send(`event: end\ndata: ${JSON.stringify({ status: "deleted" })}\n\n`);
        break;
      }
      if (progress.status !== status) {
        status = progress.status;
        send(`event: status\ndata: ${JSON.stringify({ status })}\n\n`);
      }
      const finished = isFinishedBuild(progress.status);
      // Nothing new since the last look, unless news came or the build just ended.
      if (nudged || finished || progress.logBytes !== knownBytes) {
        nudged = false;
        knownBytes = progress.logBytes;
        const pieces = await readBuildLog(buildId, seq, SLICE_BYTES);
        if (pieces.length > 0) {
          seq = pieces.at(-1)!.seq;
          const text = pieces.map((p) => decoder.decode(p.data, { stream: true })).join("");
          // More may be stored already: look again at once on the next pull.
          nudged = true;
          send(`id: ${seq}\ndata: ${JSON.stringify(text)}\n\n`);
          return true;
        }
        if (finished) {
          send(`event: end\ndata: ${JSON.stringify({ status: progress.status })}\n\n`);
          break;
        }
      }
      if (Date.now() - lastSent >= HEARTBEAT_MS) {
        send(": keep-alive\n\n");
        return true;
      }
      await nap(LOG_POLL_MS);
    }
    return false;
  }
}

/** The whole log as plain text ("Raw log", "Download log"), streamed in slices as the client reads. */
export function buildLogText(buildId: string): ReadableStream<Uint8Array> {
  let seq = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const pieces = await readBuildLog(buildId, seq, SLICE_BYTES);
        if (pieces.length === 0) return controller.close();
        seq = pieces.at(-1)!.seq;
        for (const p of pieces) controller.enqueue(new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.length));
      },
    },
    { highWaterMark: 1 },
  );
}
