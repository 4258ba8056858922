import "server-only";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { emailVerifications, users } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { sha256 } from "@/lib/security/crypto";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit-event/record";

const INVALID = "This link is invalid, already used or expired. Ask for a new one from your settings.";
const TAKEN = "Another account uses this email address now. Choose a different one in your settings.";

function isUniqueViolation(err: unknown): boolean {
  const e = (err as { cause?: unknown })?.cause ?? err;
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "23505";
}

/**
 * Opens an emailed link: marks it used and moves the account to the new, now verified address in
 * one transaction. Unknown, used and expired links (and deactivated accounts) get the same answer.
 */
export async function confirmEmailChange(token: string): Promise<{ email: string }> {
  try {
    return await transaction(async (tx) => {
      const [v] = await tx
        .update(emailVerifications)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(emailVerifications.tokenHash, sha256(token)),
            isNull(emailVerifications.usedAt),
            gt(emailVerifications.expiresAt, sql`now()`),
          ),
        )
        .returning({ userId: emailVerifications.userId, email: emailVerifications.email });
      if (!v) throw new NotFoundError(INVALID);
      const taken = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, v.email), ne(users.id, v.userId)))
        .limit(1);
      if (taken.length > 0) throw new ConflictError(TAKEN);
      const moved = await tx
        .update(users)
        .set({ email: v.email, emailVerifiedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(users.id, v.userId), isNull(users.deactivatedAt)))
        .returning({ id: users.id });
      if (moved.length === 0) throw new NotFoundError(INVALID);
      accessChanged(tx);
      await recordAudit({ actorId: v.userId, action: "email_changed", target: v.email }, tx);
      return { email: v.email };
    });
  } catch (err) {
    // A sign-up taking the address between the check and the update: the unique index decides.
    if (isUniqueViolation(err)) throw new ConflictError(TAKEN);
    throw err;
  }
}
