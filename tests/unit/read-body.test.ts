import { describe, expect, it } from "vitest";
import { JsonTooDeepError, MalformedJsonError, PayloadTooLargeError } from "@/lib/errors";
import { exceedsJsonDepth, MAX_JSON_DEPTH, parseJson, readBody, readBodyText } from "@/lib/http/read-body";

/**
 * An endless body of `chunk`-byte pieces that counts what was pulled from it: a source only
 * produces a piece when the reader asks (highWaterMark 0), so `pulled` is what the reader read.
 */
function countingStream(chunk: number, total = Infinity) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) return controller.close();
        const n = Math.min(chunk, total - state.pulled);
        state.pulled += n;
        controller.enqueue(new Uint8Array(n).fill(0x61));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

const request = (body: ReadableStream<Uint8Array> | null, contentLength?: number) => ({
  headers: new Headers(contentLength === undefined ? {} : { "content-length": String(contentLength) }),
  body,
});

describe("readBody", () => {
  it("refuses a Content-Length over the limit without reading a byte", async () => {
    const { stream, state } = countingStream(1024);
    const err = await readBody(request(stream, 30 * 1024 * 1024), 64 * 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(err).toMatchObject({ code: "PAYLOAD_TOO_LARGE", limitBytes: 64 * 1024 });
    expect(state.pulled).toBe(0);
  });

  it("stops a body without Content-Length as soon as it passes the limit, and cancels the stream", async () => {
    const { stream, state } = countingStream(1000);
    await expect(readBody(request(stream), 64 * 1024)).rejects.toBeInstanceOf(PayloadTooLargeError);
    // 66 pieces of 1,000 bytes: the first that crosses 65,536, and not one more.
    expect(state.pulled).toBe(66_000);
    expect(state.cancelled).toBe(true);
  });

  it("does not trust a Content-Length under the limit: the bytes are counted", async () => {
    const { stream, state } = countingStream(4096);
    await expect(readBody(request(stream, 10), 16 * 1024)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(state.pulled).toBe(5 * 4096);
  });

  it("accepts a body of exactly the limit, with or without Content-Length", async () => {
    for (const declared of [undefined, 65_536]) {
      const { stream } = countingStream(1000, 65_536);
      const bytes = await readBody(request(stream, declared), 65_536);
      expect(bytes.byteLength).toBe(65_536);
      expect(bytes.every((b) => b === 0x61)).toBe(true);
    }
  });

  it("reads a real Request, decodes UTF-8 and drops a leading BOM as request.text() does; no body is empty", async () => {
    const text = await readBodyText(new Request("http://x/", { method: "POST", body: '\uFEFF{"name":"名前"}' }), 1024);
    expect(text).toBe('{"name":"名前"}');
    expect(await readBodyText(new Request("http://x/", { method: "POST" }), 1024)).toBe("");
    // Counted in bytes, not characters: 300 three-byte characters are 900 bytes.
    await expect(
      readBodyText(new Request("http://x/", { method: "POST", body: "名".repeat(300) }), 899),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});

const nested = (depth: number, inner = "1") => "[".repeat(depth) + inner + "]".repeat(depth);

describe("JSON nesting depth", () => {
  it(`allows ${MAX_JSON_DEPTH} levels and refuses ${MAX_JSON_DEPTH + 1}, counting objects and arrays alike`, () => {
    expect(exceedsJsonDepth(nested(32), 32)).toBe(false);
    expect(exceedsJsonDepth(nested(33), 32)).toBe(true);
    const objects = (d: number) => '{"a":'.repeat(d - 1) + "{}" + "}".repeat(d - 1);
    expect(exceedsJsonDepth(objects(32), 32)).toBe(false);
    expect(exceedsJsonDepth(objects(33), 32)).toBe(true);
    expect(exceedsJsonDepth('{"a":[{"b":[1,2]},{"c":{}}],"d":[[]]}', 4)).toBe(false);
    expect(exceedsJsonDepth('{"a":[{"b":[1,2]},{"c":{}}],"d":[[]]}', 3)).toBe(true);
    // Siblings do not add up: a thousand arrays side by side are one level.
    expect(exceedsJsonDepth(`[${Array(1000).fill("[]").join(",")}]`, 2)).toBe(false);
  });

  it("does not count brackets inside strings, with escaped quotes and backslashes", () => {
    expect(exceedsJsonDepth(JSON.stringify({ s: "[".repeat(100) + "{".repeat(100) }), 1)).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify({ s: 'say \\"[[[[[ and "{{{{{' }), 1)).toBe(false);
    // A string ending in a backslash: the escaped backslash must not swallow the closing quote.
    expect(exceedsJsonDepth('["\\\\", [[1]]]', 3)).toBe(false);
    expect(exceedsJsonDepth('["\\\\", [[1]]]', 2)).toBe(true);
    expect(exceedsJsonDepth('["\\"", [[1]]]', 2)).toBe(true);
    expect(exceedsJsonDepth('{"k[[[[": "v]]]]", "x": [[[]]]}', 3)).toBe(true);
  });

  it("refuses 10,000 levels quickly, before JSON.parse", () => {
    const deep = nested(10_000);
    const start = performance.now();
    expect(exceedsJsonDepth(deep, MAX_JSON_DEPTH)).toBe(true);
    expect(() => parseJson(deep)).toThrow(JsonTooDeepError);
    expect(() => parseJson('{"a":'.repeat(10_000))).toThrow(JsonTooDeepError);
    expect(performance.now() - start).toBeLessThan(50);
  });

  it("parseJson: values within the limit parse; malformed text is MALFORMED_JSON", () => {
    expect(parseJson(nested(32))).toEqual(JSON.parse(nested(32)));
    expect(parseJson('{"name":"[not nested]"}')).toEqual({ name: "[not nested]" });
    expect(() => parseJson('{"name": "x')).toThrow(MalformedJsonError);
    expect(() => parseJson("")).toThrow(MalformedJsonError);
    const err = (() => {
      try {
        parseJson(nested(33));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toMatchObject({ code: "JSON_TOO_DEEP", details: { maxDepth: 32 } });
  });
});
