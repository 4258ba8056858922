import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

export type Mail = { to: string; subject: string; text: string; html: string };

let transport: Transporter | null | undefined;

function getTransport(): Transporter | null {
  if (transport !== undefined) return transport;
  const url = getEnv().SMTP_URL;
  transport = url ? nodemailer.createTransport(url) : null;
  return transport;
}

/**
 * Sends one email over SMTP. Without SMTP_URL (local development) the message goes to the log,
 * so links stay usable. Throws when the SMTP server refuses; callers keep their data and say so.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const t = getTransport();
  if (!t) {
    logger.info("mail (no SMTP_URL set, not sent)", { to: mail.to, subject: mail.subject, text: mail.text });
    return;
  }
  await t.sendMail({
    from: getEnv().MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    textEncoding: "base64",
  });
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
