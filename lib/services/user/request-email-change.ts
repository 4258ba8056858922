import "server-only";
import crypto from "node:crypto";
import { and, eq, isNull, ne } from "drizzle-orm";
import { getDb } from "@/db";
import { emailVerifications, users } from "@/db/schema";
import { sha256 } from "@/lib/auth/crypto";
import { getEnv } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { escapeHtml, sendMail } from "@/lib/mail/send";
import { logger } from "@/lib/logger";
import { verifyOwnPassword } from "./verify-own-password";

const TTL_MS = 24 * 3600 * 1000;

/**
 * Starts an email change: the new address gets a single-use link (24 h); the account keeps its
 * current address until the link is opened. The request is stored before sending, so a mail
 * failure loses nothing: `sent` says whether it went out, and the user can ask again.
 */
export async function requestEmailChange(userId: string, input: { email: string; currentPassword: string }): Promise<{ sent: boolean }> {
  const user = await verifyOwnPassword(userId, input.currentPassword);
  if (input.email === user.email) throw new ValidationError("Please correct the highlighted fields.", { email: ["This is already your email address"] });
  const db = getDb();
  const taken = await db.select({ id: users.id }).from(users).where(and(eq(users.email, input.email), ne(users.id, userId))).limit(1);
  if (taken.length > 0) throw new ValidationError("Please correct the highlighted fields.", { email: ["An account with this email already exists"] });

  const token = crypto.randomBytes(24).toString("base64url");
  await db.transaction(async (tx) => {
    // Only the newest request counts: older links stop working.
    await tx.update(emailVerifications).set({ usedAt: new Date() }).where(and(eq(emailVerifications.userId, userId), isNull(emailVerifications.usedAt)));
    await tx.insert(emailVerifications).values({ userId, email: input.email, tokenHash: sha256(token), expiresAt: new Date(Date.now() + TTL_MS) });
  });
  const link = `${getEnv().CONSOLE_URL}/verify-email?token=${token}`;
  try {
    await sendMail({
      to: input.email,
      subject: "Confirm your new email address for Dockyard",
      text: `Hi ${user.username},\n\nOpen this link to make ${input.email} the email address of your Dockyard account:\n\n${link}\n\nThe link works once and expires in 24 hours. If you did not ask for this, ignore this email.\n`,
      html: `<p>Hi ${escapeHtml(user.username)},</p><p>Open this link to make <b>${escapeHtml(input.email)}</b> the email address of your Dockyard account:</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>The link works once and expires in 24 hours. If you did not ask for this, ignore this email.</p>`,
    });
    return { sent: true };
  } catch (err) {
    logger.error("email change: sending the verification mail failed", err);
    return { sent: false };
  }
}
