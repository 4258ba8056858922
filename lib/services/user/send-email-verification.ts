import "server-only";
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { transaction } from "@/db";
import { emailVerifications } from "@/db/schema";
import { sha256 } from "@/lib/security/crypto";
import { limits } from "@/lib/services/rate-limit/limits";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { escapeHtml, sendMail } from "@/lib/mail/send";
import { takeSlot } from "@/lib/services/rate-limit/consume";

const TTL_MS = 24 * 3600 * 1000;

/**
 * Stores a fresh single-use link for `email` (older pending links of the user stop working) and
 * mails it. The row is written before sending, so a mail failure loses nothing: `sent` says whether
 * it went out and the user can resend. Shared by request-email-change and resend-email-change.
 */
export async function sendEmailVerification(
  user: { id: string; username: string },
  email: string,
): Promise<{ sent: boolean }> {
  const limit = limits.verificationMail(user.id);
  // Taken before anything is written or sent, in one statement: parallel requests cannot all pass.
  await takeSlot(limit);
  // 192 random bits; only the hash is stored, so a database leak reveals no usable link.
  const token = crypto.randomBytes(24).toString("base64url");
  await transaction(async (tx) => {
    await tx
      .update(emailVerifications)
      .set({ usedAt: new Date() })
      .where(and(eq(emailVerifications.userId, user.id), isNull(emailVerifications.usedAt)));
    await tx
      .insert(emailVerifications)
      .values({ userId: user.id, email, tokenHash: sha256(token), expiresAt: new Date(Date.now() + TTL_MS) });
  });
  const link = `${getEnv().CONSOLE_URL}/verify-email?token=${token}`;
  try {
    await sendMail({
      to: email,
      subject: "Confirm your new email address for Dockyard",
      text: `Hi ${user.username},\n\nOpen this link to make ${email} the email address of your Dockyard account:\n\n${link}\n\nThe link works once and expires in 24 hours. If you did not ask for this, ignore this email.\n`,
      html: `<p>Hi ${escapeHtml(user.username)},</p><p>Open this link to make <b>${escapeHtml(email)}</b> the email address of your Dockyard account:</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>The link works once and expires in 24 hours. If you did not ask for this, ignore this email.</p>`,
    });
    return { sent: true };
  } catch (err) {
    logger.error("email change: sending the confirmation mail failed", err);
    return { sent: false };
  }
}
