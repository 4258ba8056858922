import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { decryptSecret } from "@/lib/security/crypto";
import { limits } from "@/lib/services/rate-limit/limits";
import { verifyTotp } from "@/lib/security/totp";
import { ValidationError } from "@/lib/errors";
import { releaseSlot, takeSlot } from "@/lib/services/rate-limit/consume";

/** Checks a current TOTP code of a user with 2FA on; a slot of the code limit is taken first (atomic, see takeSlots) and given back when the code is right. */
export async function verifyCurrentCode(userId: string, code: string): Promise<{ username: string }> {
  const limit = limits.totp(userId);
  await takeSlot(limit);
  const [user] = await getDb()
    .select({ username: users.username, secret: users.totpSecretEnc })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user?.secret) throw new ValidationError("Two-factor authentication is not enabled.");
  if (!verifyTotp(user.username, decryptSecret(user.secret), code)) {
    throw new ValidationError("Please correct the highlighted fields.", {
      code: ["That code is not valid. Check your authenticator app and try again."],
    });
  }
  await releaseSlot(limit);
  return { username: user.username };
}
