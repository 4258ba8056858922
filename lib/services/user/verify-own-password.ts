import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { NotFoundError, ValidationError } from "@/lib/errors";

/** Re-authentication for sensitive changes: a wrong current password is a field error on that form. */
export async function verifyOwnPassword(userId: string, password: string, field = "currentPassword"): Promise<typeof users.$inferSelect> {
  const [user] = await getDb().select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.deactivatedAt) throw new NotFoundError("Account not found");
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new ValidationError("Please correct the highlighted fields.", { [field]: ["Your current password is not correct"] });
  }
  return user;
}
