import "server-only";
import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { emailVerifications, users } from "@/db/schema";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { sendEmailVerification } from "./send-email-verification";

/**
 * Sends a new link for the caller's pending email change (after a failed send or a lost mail).
 * No password: choosing the address already needed it, and the mail only goes to that address.
 */
export async function resendEmailChange(userId: string): Promise<{ sent: boolean; email: string }> {
  const db = getDb();
  const [pending] = await db
    .select({ email: emailVerifications.email, username: users.username })
    .from(emailVerifications)
    .innerJoin(users, eq(users.id, emailVerifications.userId))
    .where(
      and(
        eq(emailVerifications.userId, userId),
        isNull(emailVerifications.usedAt),
        gt(emailVerifications.expiresAt, sql`now()`),
        isNull(users.deactivatedAt),
      ),
    )
    .orderBy(desc(emailVerifications.createdAt))
    .limit(1);
  if (!pending) throw new NotFoundError("There is no pending email change. Enter the new address again.");
  const taken = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, pending.email), ne(users.id, userId)))
    .limit(1);
  if (taken.length > 0)
    throw new ConflictError(`Another account uses ${pending.email} now. Choose a different address.`);
  const { sent } = await sendEmailVerification({ id: userId, username: pending.username }, pending.email);
  return { sent, email: pending.email };
}
