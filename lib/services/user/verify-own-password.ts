import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { verifyPassword } from "@/lib/security/password";
import { limits } from "@/lib/services/rate-limit/limits";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertNotLimited, takeSlot } from "@/lib/services/rate-limit/consume";

/**
 * Re-authentication for sensitive changes: a wrong current password is a field error on that form.
 * It shares the account's sign-in failure limit (same rules as checkPassword), so a stolen session
 * cannot be used to guess the password through these forms either.
 */
export async function verifyOwnPassword(
  userId: string,
  password: string,
  field = "currentPassword",
): Promise<typeof users.$inferSelect> {
  const limit = limits.loginAccount({ id: userId });
  await assertNotLimited(limit);
  const [user] = await getDb().select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.deactivatedAt) throw new NotFoundError("Account not found");
  if (!(await verifyPassword(user.passwordHash, password))) {
    await takeSlot(limit);
    throw new ValidationError("Please correct the highlighted fields.", {
      [field]: ["Your current password is not correct"],
    });
  }
  return user;
}
