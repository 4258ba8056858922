import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startSmtpSink, waitForMail } from "@/tests/harness/smtp-sink";

const LINK = "http://127.0.0.1:3000/verify-email?token=abc_DEF-123";
const mail = {
  to: "someone@example.test",
  subject: "Confirm your new email address for Dockyard",
  text: `Open:\n\n${LINK}\n`,
  html: `<a href="${LINK}">${LINK}</a>`,
};

/** lib/mail/send reads the environment and builds its transport once, so each case loads it afresh. */
async function loadSend(env: Record<string, string | undefined>) {
  vi.resetModules();
  const base = {
    DATABASE_URL: "postgres://unused@127.0.0.1/unused",
    REGISTRY_TOKEN_KEY_FILE: "k",
    REGISTRY_TOKEN_CERT_FILE: "c",
    REGISTRY_EVENTS_SECRET: "s".repeat(16),
    AUTH_SECRET: "a".repeat(16),
  };
  for (const [k, v] of Object.entries({ ...base, ...env })) vi.stubEnv(k, v);
  return import("@/lib/mail/send");
}

describe("sendMail", () => {
  beforeEach(() => vi.unstubAllEnvs());
  afterEach(() => vi.restoreAllMocks());

  it("without SMTP_URL writes the message (with its link) as one JSON log line", async () => {
    const { sendMail } = await loadSend({ SMTP_URL: undefined });
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await sendMail(mail);
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]![0]);
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toMatchObject({
      level: "info",
      extra: { to: mail.to, subject: mail.subject, text: mail.text },
    });
  });

  it("with SMTP_URL delivers over SMTP from MAIL_FROM, links intact; a refusal throws", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "mail-send-"));
    const sink = await startSmtpSink(dir);
    try {
      const { sendMail } = await loadSend({ SMTP_URL: sink.url, MAIL_FROM: "Dockyard <no-reply@dockyard.test>" });
      await sendMail(mail);
      expect(await waitForMail(dir, (m) => m.to.includes(mail.to), 5_000)).toEqual({
        to: [mail.to],
        from: "no-reply@dockyard.test",
        subject: mail.subject,
        text: mail.text.trimEnd(),
      });
      await expect(sendMail({ ...mail, to: "bounce@example.test" })).rejects.toThrow(/550/);
    } finally {
      await sink.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe("escapeHtml", () => {
  it("escapes everything that could open a tag or leave an attribute", async () => {
    const { escapeHtml } = await loadSend({});
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});
