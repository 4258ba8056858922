import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMail, startSmtpSink, waitForMail } from "@/tests/harness/smtp-sink";

// A link longer than a quoted-printable line (76) with characters QP escapes ("=").
const LINK = `http://127.0.0.1:3000/verify-email?token=${"Ab_-9".repeat(12)}&x=1`;
const SUBJECT = "Bestätigen Sie Ihre neue E-Mail-Adresse für Dockyard – ein langer Betreff, der gefaltet wird";
const TEXT = `Grüße,\n\nÖffnen Sie:\n\n${LINK}\n`;

/** The raw message nodemailer would put on the wire. */
async function raw(options: { textEncoding?: "base64" | "quoted-printable"; html?: boolean }): Promise<string> {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const info = await t.sendMail({
    from: "a@example.test",
    to: "b@example.test",
    subject: SUBJECT,
    text: TEXT,
    html: options.html ? `<p>${LINK}</p>` : undefined,
    textEncoding: options.textEncoding,
  });
  return (info.message as Buffer).toString("utf8");
}

describe("parseMail", () => {
  for (const textEncoding of ["base64", "quoted-printable"] as const) {
    for (const html of [false, true]) {
      it(`decodes ${textEncoding}${html ? " multipart/alternative" : ""} bodies and folded, encoded subjects`, async () => {
        const message = await raw({ textEncoding, html });
        expect(message).not.toContain(LINK); // really encoded on the wire
        const parsed = parseMail(message);
        expect(parsed.subject).toBe(SUBJECT);
        expect(parsed.text).toBe(TEXT.trimEnd());
      });
    }
  }
});

describe("SMTP sink", () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "sink-unit-"));
    sink = await startSmtpSink(dir);
  });
  afterAll(async () => {
    await sink.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("stores each delivered message as JSON that waitForMail finds; refuses bounce* recipients", async () => {
    const t = nodemailer.createTransport(sink.url);
    await t.sendMail({
      from: "console@example.test",
      to: "Someone@Example.test",
      subject: "Hello",
      text: TEXT,
      html: "<p>hi</p>",
    });
    const mail = await waitForMail(sink.dir, (m) => m.to.includes("someone@example.test"), 5_000);
    expect(mail).toEqual({
      to: ["someone@example.test"],
      from: "console@example.test",
      subject: "Hello",
      text: TEXT.trimEnd(),
    });
    expect((await fs.readdir(dir)).every((f) => /^\d+-\d{6}\.json$/.test(f))).toBe(true);

    await expect(
      t.sendMail({ from: "console@example.test", to: "bounce-1@example.test", subject: "x", text: "x" }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(waitForMail(sink.dir, (m) => m.to.includes("bounce-1@example.test"), 300)).rejects.toThrow(
      /no matching mail/,
    );
  });
});
