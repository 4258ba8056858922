import fs from "node:fs/promises";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { freePort } from "./free-port";

export type SinkMail = { to: string[]; from: string; subject: string; text: string };

/** Decodes the text/plain part of a (possibly multipart, base64 or quoted-printable) message. */
export function parseMail(raw: string): Omit<SinkMail, "to" | "from"> {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const subject = /^Subject: (.*)$/im.exec(head)?.[1]?.trim() ?? "";
  const body = rest.join("\n\n");
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  const parts = boundary ? body.split(`--${boundary}`) : [`${head}\n\n${body}`];
  for (const part of parts) {
    const [ph = "", ...pb] = part.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
    if (!/content-type: text\/plain/i.test(ph) && boundary) continue;
    const content = pb.join("\n\n").trim();
    if (/content-transfer-encoding: base64/i.test(ph)) return { subject, text: Buffer.from(content.replace(/\s+/g, ""), "base64").toString("utf8") };
    if (/content-transfer-encoding: quoted-printable/i.test(ph)) {
      const qp = content.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      return { subject, text: Buffer.from(qp, "latin1").toString("utf8") };
    }
    return { subject, text: content };
  }
  return { subject, text: body };
}

/**
 * A real SMTP server for tests: accepts every message on loopback and writes each one as JSON
 * into `dir`, so any process (vitest workers, Playwright) can read what the console sent.
 */
export async function startSmtpSink(dir: string): Promise<{ url: string; dir: string; stop: () => Promise<void> }> {
  await fs.mkdir(dir, { recursive: true });
  const port = await freePort();
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail: SinkMail = {
          ...parseMail(Buffer.concat(chunks).toString("utf8")),
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        };
        n += 1;
        fs.writeFile(path.join(dir, `${Date.now()}-${n}.json`), JSON.stringify(mail)).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `smtp://127.0.0.1:${port}`, dir, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Waits for a message in `dir` matching `predicate` (newest first). */
export async function waitForMail(dir: string, predicate: (m: SinkMail) => boolean, timeoutMs = 10_000): Promise<SinkMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = (await fs.readdir(dir).catch(() => [] as string[])).sort().reverse();
    for (const f of files) {
      const mail = JSON.parse(await fs.readFile(path.join(dir, f), "utf8")) as SinkMail;
      if (predicate(mail)) return mail;
    }
    if (Date.now() > deadline) throw new Error(`no matching mail in ${dir} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
