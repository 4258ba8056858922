import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { recoveryCodes, signInChallenges, users, type User } from "@/db/schema";
import { decryptSecret, sha256, signTicket, verifyTicket } from "@/lib/security/crypto";
import { limits } from "@/lib/services/rate-limit/limits";
import { dummyPasswordHash, verifyPassword } from "@/lib/security/password";
import { normalizeRecoveryCode, verifyTotp } from "@/lib/security/totp";
import { findUserByLogin } from "@/lib/data/users";
import { UnauthorizedError } from "@/lib/errors";
import { assertNotLimited, releaseSlot, takeSlot } from "@/lib/services/rate-limit/consume";

export const BAD_CREDENTIALS = "Incorrect username or password.";
const CHALLENGE_SECONDS = 300;
// Wrong codes one password sign-in may try before it has to start again (the account limit,
// 5 per 5 minutes across all sign-ins, is the one that bounds a guesser).
const CHALLENGE_ATTEMPTS = 5;
const START_AGAIN = "This sign-in has expired or was already used. Start again.";

/**
 * Checks a username/email + password against the account's (by id) and the address's failure
 * limits. A wrong password is told so only inside a slot taken atomically (takeSlot throws 429
 * past the limit), and a right one is refused once the window is used up, so of 100 parallel
 * guesses at most 10 learn anything. Every refusal says the same thing: unknown account, wrong
 * password and deactivated account alike. Used by the browser sign-in and by the registry token
 * endpoint: one rule set for both.
 */
export async function checkPassword(login: string, password: string, ip: string): Promise<User> {
  const user = await findUserByLogin(login.slice(0, 320));
  const acct = limits.loginAccount(user ? { id: user.id } : { unknownLogin: login });
  const addr = limits.loginAddress(ip);
  await assertNotLimited(acct, addr);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.deactivatedAt) {
    await takeSlot(acct, addr);
    throw new UnauthorizedError(BAD_CREDENTIALS);
  }
  await assertNotLimited(acct, addr);
  return user;
}

export type SignInStep = { step: "done"; sessionTicket: string } | { step: "code"; mfaTicket: string };

/** A wrong code: the form carries `retryTicket` (a fresh challenge) for the next try, or null to start again. */
export class CodeRejectedError extends UnauthorizedError {
  constructor(
    message: string,
    readonly retryTicket: string | null,
  ) {
    super(message);
  }
}

async function openChallenge(userId: string, attempts: number, expiresAt: Date): Promise<string> {
  const [row] = await getDb()
    .insert(signInChallenges)
    .values({ userId, attempts, expiresAt })
    .returning({ id: signInChallenges.id });
  const ttl = Math.max(1, Math.ceil((expiresAt.getTime() - Date.now()) / 1000));
  return signTicket("mfa", row!.id, ttl);
}

/** First step of browser sign-in: the password. With 2FA on, the result asks for a code next. */
export async function beginSignIn(login: string, password: string, ip: string): Promise<SignInStep> {
  const user = await checkPassword(login, password, ip);
  if (user.totpEnabledAt && user.totpSecretEnc)
    return {
      step: "code",
      mfaTicket: await openChallenge(user.id, 0, new Date(Date.now() + CHALLENGE_SECONDS * 1000)),
    };
  return { step: "done", sessionTicket: signTicket("session", user.id, 60) };
}

/**
 * Second step: a TOTP code or an unused recovery code (which is then spent). The ticket names one
 * challenge row, consumed by this attempt in the same statement that finds it: a second use of a
 * ticket, in sequence or in parallel, is refused before any code is looked at. Then a slot of the
 * account's code limit is taken, so parallel sign-ins cannot multiply the allowance either.
 */
export async function completeSignIn(
  mfaTicket: string,
  code: string,
): Promise<{ sessionTicket: string; usedRecoveryCode: boolean }> {
  const challengeId = verifyTicket("mfa", mfaTicket);
  if (!challengeId || !/^[0-9a-f-]{36}$/.test(challengeId)) throw new CodeRejectedError(START_AGAIN, null);
  const db = getDb();
  const [challenge] = await db
    .update(signInChallenges)
    .set({ consumedAt: sql`now()` })
    .where(
      and(
        eq(signInChallenges.id, challengeId),
        isNull(signInChallenges.consumedAt),
        gt(signInChallenges.expiresAt, sql`now()`),
      ),
    )
    .returning({
      userId: signInChallenges.userId,
      attempts: signInChallenges.attempts,
      expiresAt: signInChallenges.expiresAt,
    });
  if (!challenge) throw new CodeRejectedError(START_AGAIN, null);
  const limit = limits.totp(challenge.userId);
  await takeSlot(limit);
  const [user] = await db.select().from(users).where(eq(users.id, challenge.userId)).limit(1);
  if (!user || user.deactivatedAt || !user.totpSecretEnc) throw new CodeRejectedError(START_AGAIN, null);

  const recovery = !/^\d{6}$/.test(code.trim());
  if (await codeMatches(user, code, recovery)) {
    await releaseSlot(limit);
    return { sessionTicket: signTicket("session", user.id, 60), usedRecoveryCode: recovery };
  }
  const attempts = challenge.attempts + 1;
  const retry = attempts < CHALLENGE_ATTEMPTS ? await openChallenge(user.id, attempts, challenge.expiresAt) : null;
  throw new CodeRejectedError(
    retry
      ? "That code is not valid. Check your authenticator app and try again."
      : "Too many wrong codes for this sign-in. Start again.",
    retry,
  );
}

async function codeMatches(user: User, code: string, recovery: boolean): Promise<boolean> {
  if (!recovery) return verifyTotp(user.username, decryptSecret(user.totpSecretEnc!), code);
  // Spend the code in the same statement that checks it, so it can never be used twice.
  const spent = await getDb()
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, user.id),
        eq(recoveryCodes.codeHash, sha256(normalizeRecoveryCode(code))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return spent.length > 0;
}
