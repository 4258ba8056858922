import { JsonTooDeepError, MalformedJsonError, PayloadTooLargeError } from "@/lib/errors";

/**
 * Request bodies read with a byte limit and JSON parsed with a nesting limit, both checked before
 * anything is parsed. `request.text()` and `request.json()` read whatever arrives (an outside test
 * had 30 MB read in full before the 400), and a body thousands of levels deep overflowed the stack
 * of the first recursive walk over the parsed value (a 500).
 */

export const KB = 1024;
export const MB = 1024 * KB;

/**
 * No body the console accepts nests anywhere near this: API bodies are two or three levels deep,
 * and a registry event envelope at most eight (envelope, events, event, target, references,
 * descriptor, platform, os.features). Anything deeper is refused before JSON.parse.
 */
export const MAX_JSON_DEPTH = 32;

type BodySource = { headers: Headers; body: ReadableStream<Uint8Array> | null };

/**
 * The body's bytes, or PayloadTooLargeError once it is known to pass `limitBytes`: at once when
 * `Content-Length` says so (nothing is read), otherwise as soon as the bytes read pass the limit;
 * the stream is then cancelled, so the rest is never pulled. (What happens to the connection is
 * up to the server: lib/runtime/node-fetch-adapter.ts closes it after the answer.)
 */
export async function readBody(request: BodySource, limitBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length")?.trim();
  if (declared && /^\d+$/.test(declared) && Number(declared) > limitBytes) throw new PayloadTooLargeError(limitBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limitBytes) {
        // Not awaited: a stream whose source is slow to stop must not hold up the 413.
        reader.cancel().catch(() => undefined);
        throw new PayloadTooLargeError(limitBytes);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The body as text, decoded as `request.text()` decodes it (UTF-8, a leading BOM dropped). */
export async function readBodyText(request: BodySource, limitBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBody(request, limitBytes));
}

/**
 * Whether JSON text nests objects and arrays more than `maxDepth` levels deep. One pass, no
 * recursion and no allocation, so 10,000 levels cost what 10,000 characters cost; brackets inside
 * strings (escaped quotes included) do not count. Invalid JSON gets no verdict beyond depth:
 * JSON.parse refuses it afterwards.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip to the closing quote; a backslash escapes whatever follows it (\" and \\ alike).
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/** JSON.parse behind the depth check: JsonTooDeepError, MalformedJsonError, or the value. */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (exceedsJsonDepth(text, maxDepth)) throw new JsonTooDeepError(maxDepth);
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedJsonError();
  }
}
