import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { recoveryCodes, users, type User } from "@/db/schema";
import { decryptSecret, sha256, signTicket, verifyTicket } from "@/lib/auth/crypto";
import { limits } from "@/lib/auth/limits";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { normalizeRecoveryCode, verifyTotp } from "@/lib/auth/totp";
import { findUserByLogin } from "@/lib/data/users";
import { UnauthorizedError } from "@/lib/errors";
import { assertNotLimited, clearFailures, recordFailure } from "@/lib/services/rate-limit/consume";

export const BAD_CREDENTIALS = "Incorrect username or password.";

/**
 * Checks a username/email + password with per-account and per-address limits on failures.
 * Used by the browser sign-in and by the registry token endpoint: one rule set for both.
 */
export async function checkPassword(login: string, password: string, ip: string): Promise<User> {
  const acct = limits.loginAccount(login);
  const addr = limits.loginAddress(ip);
  await assertNotLimited(acct);
  await assertNotLimited(addr);
  const user = await findUserByLogin(login);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.deactivatedAt) {
    await Promise.all([recordFailure(acct), recordFailure(addr)]);
    throw new UnauthorizedError(user?.deactivatedAt && ok ? "This account has been deactivated." : BAD_CREDENTIALS);
  }
  await clearFailures(acct.key);
  return user;
}

export type SignInStep = { step: "done"; sessionTicket: string } | { step: "code"; mfaTicket: string };

/** First step of browser sign-in: the password. With 2FA on, the result asks for a code next. */
export async function beginSignIn(login: string, password: string, ip: string): Promise<SignInStep> {
  const user = await checkPassword(login, password, ip);
  if (user.totpEnabledAt && user.totpSecretEnc) return { step: "code", mfaTicket: signTicket("mfa", user.id, 300) };
  return { step: "done", sessionTicket: signTicket("session", user.id, 60) };
}

/** Second step: a TOTP code or an unused recovery code (which is then spent). */
export async function completeSignIn(mfaTicket: string, code: string): Promise<{ sessionTicket: string; usedRecoveryCode: boolean }> {
  const userId = verifyTicket("mfa", mfaTicket);
  if (!userId) throw new UnauthorizedError("Your sign-in took too long. Start again.");
  const limit = limits.totp(userId);
  await assertNotLimited(limit);
  const db = getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.deactivatedAt || !user.totpSecretEnc) throw new UnauthorizedError("Your sign-in took too long. Start again.");

  if (/^\d{6}$/.test(code.trim())) {
    if (verifyTotp(user.username, decryptSecret(user.totpSecretEnc), code)) {
      await clearFailures(limit.key);
      return { sessionTicket: signTicket("session", user.id, 60), usedRecoveryCode: false };
    }
  } else {
    // Spend the code in the same statement that checks it, so it can never be used twice.
    const spent = await db
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, sha256(normalizeRecoveryCode(code))), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    if (spent.length > 0) {
      await clearFailures(limit.key);
      return { sessionTicket: signTicket("session", user.id, 60), usedRecoveryCode: true };
    }
  }
  await recordFailure(limit);
  throw new UnauthorizedError("That code is not valid. Check your authenticator app and try again.");
}
