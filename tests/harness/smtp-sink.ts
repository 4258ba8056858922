import fs from "node:fs/promises";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { freePort } from "./free-port";

export type SinkMail = { to: string[]; from: string; subject: string; text: string };

/**
 * Recipients whose local part starts with this are refused with a permanent 550, so tests can
 * drive the "sending failed" paths through a real SMTP conversation.
 */
export const BOUNCE_PREFIX = "bounce";

/** Splits a message (or MIME part) into unfolded headers and body. */
function splitPart(raw: string): { headers: string; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : "";
  // Long header lines are folded onto continuation lines starting with whitespace (RFC 5322 2.2.3).
  return { headers: head.replace(/\r?\n[ \t]+/g, " "), body };
}

function header(headers: string, name: string): string | undefined {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(headers)?.[1]?.trim();
}

function decodeQuotedPrintable(s: string, underscoreIsSpace = false): Buffer {
  const soft = s.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i]!;
    if (ch === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === "_" && underscoreIsSpace) bytes.push(0x20);
    else bytes.push(...Buffer.from(ch, "utf8"));
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)\s+(?==\?)/gi, "$1") // whitespace between encoded words is not content
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, enc: string, data: string) =>
      (enc.toUpperCase() === "B" ? Buffer.from(data, "base64") : decodeQuotedPrintable(data, true)).toString("utf8"),
    );
}

function decodeBody(headers: string, body: string): string {
  const encoding = header(headers, "Content-Transfer-Encoding")?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body).toString("utf8");
  return body;
}

/** The decoded text/plain body of a part, descending into (nested) multiparts; null when there is none. */
function plainText(raw: string): string | null {
  const { headers, body } = splitPart(raw);
  const type = header(headers, "Content-Type")?.toLowerCase() ?? "text/plain";
  if (type.startsWith("multipart/")) {
    const boundary = /boundary="?([^";]+)"?/i.exec(header(headers, "Content-Type") ?? "")?.[1];
    if (!boundary) return null;
    const parts = body.split(`--${boundary}`).slice(1); // before the first delimiter is the preamble
    for (const part of parts) {
      if (part.startsWith("--")) break; // the closing delimiter
      const text = plainText(part.replace(/^\r?\n/, ""));
      if (text !== null) return text;
    }
    return null;
  }
  return type.startsWith("text/plain") ? decodeBody(headers, body).replace(/\r\n/g, "\n").trimEnd() : null;
}

/** Subject and plain-text body of a raw message (multipart, base64 or quoted-printable). */
export function parseMail(raw: string): Pick<SinkMail, "subject" | "text"> {
  const { headers } = splitPart(raw);
  return { subject: decodeWords(header(headers, "Subject") ?? ""), text: plainText(raw) ?? "" };
}

/**
 * A real SMTP server for tests: accepts messages on loopback (no TLS, no auth) and writes each one
 * as JSON into `dir`, so any process (vitest workers, Playwright) can read what the console sent.
 */
export async function startSmtpSink(dir: string): Promise<{ url: string; dir: string; stop: () => Promise<void> }> {
  await fs.mkdir(dir, { recursive: true });
  const port = await freePort();
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!address.address.toLowerCase().startsWith(BOUNCE_PREFIX)) return callback();
      callback(
        Object.assign(new Error("Mailbox unavailable (test sink refuses bounce* recipients)"), { responseCode: 550 }),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail: SinkMail = {
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          ...parseMail(Buffer.concat(chunks).toString("utf8")),
        };
        n += 1;
        const file = path.join(dir, `${Date.now()}-${String(n).padStart(6, "0")}.json`);
        // Written under a temporary name and renamed, so a reader never sees half a file.
        fs.writeFile(`${file}.tmp`, JSON.stringify(mail))
          .then(() => fs.rename(`${file}.tmp`, file))
          .then(() => callback(), callback);
      });
    },
  });
  // A client that drops its connection (a console stopped mid-message) is that client's problem;
  // without a listener the error event would end the whole test run.
  server.on("error", (err) => console.warn(`[smtp-sink] ${err.message}`));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every message in `dir`, newest first. */
export async function readMails(dir: string): Promise<SinkMail[]> {
  const files = (await fs.readdir(dir).catch(() => [] as string[]))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .reverse();
  return Promise.all(files.map(async (f) => JSON.parse(await fs.readFile(path.join(dir, f), "utf8")) as SinkMail));
}

/** Waits for a message in `dir` matching `predicate` (the newest match wins). */
export async function waitForMail(
  dir: string,
  predicate: (m: SinkMail) => boolean,
  timeoutMs = 10_000,
): Promise<SinkMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = (await readMails(dir)).find(predicate);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`no matching mail in ${dir} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
