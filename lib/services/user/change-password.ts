import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/security/password";
import { revokeOtherSessions } from "@/lib/services/session/revoke";
import { revokeRefreshTokens } from "@/lib/services/registry-refresh-token/revoke";
import { verifyOwnPassword } from "./verify-own-password";
import { recordAudit } from "@/lib/services/audit-event/record";

/** Changes the caller's password after checking the current one; every other session and every docker login made with the old password ends. */
export async function changePassword(input: {
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  ip: string | null;
}): Promise<{ endedSessions: number }> {
  await verifyOwnPassword(input.userId, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  return transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, input.userId));
    const endedSessions = await revokeOtherSessions(input.userId, input.sessionId, tx);
    await revokeRefreshTokens(input.userId, { passwordOnly: true }, tx);
    await recordAudit({ actorId: input.userId, action: "password_changed", ip: input.ip }, tx);
    return { endedSessions };
  });
}
