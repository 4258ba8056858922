import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { sendEmailVerification } from "./send-email-verification";
import { verifyOwnPassword } from "./verify-own-password";

/**
 * Starts an email change: the new address gets a single-use link (24 h); the account keeps its
 * current address until the link is opened. `sent: false` means the request is stored but the
 * mail did not go out (the page says so and offers a resend).
 */
export async function requestEmailChange(
  userId: string,
  input: { email: string; currentPassword: string },
): Promise<{ sent: boolean }> {
  const user = await verifyOwnPassword(userId, input.currentPassword);
  if (input.email === user.email)
    throw new ValidationError("Please correct the highlighted fields.", {
      email: ["This is already your email address"],
    });
  const taken = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, input.email), ne(users.id, userId)))
    .limit(1);
  if (taken.length > 0)
    throw new ValidationError("Please correct the highlighted fields.", {
      email: ["An account with this email already exists"],
    });
  return sendEmailVerification(user, input.email);
}
