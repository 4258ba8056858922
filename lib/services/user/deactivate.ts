import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { users } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { ValidationError } from "@/lib/errors";
import { revokeOtherSessions } from "@/lib/services/session/revoke";
import { revokeRefreshTokens } from "@/lib/services/registry-refresh-token/revoke";
import { verifyOwnPassword } from "./verify-own-password";
import { recordAudit } from "@/lib/services/audit-event/record";

/**
 * Deactivates the caller's account: all sessions end, tokens stop working at once (every token
 * check looks at `deactivated_at`), and the row stays so the namespace remains reserved.
 */
export async function deactivateAccount(input: {
  userId: string;
  confirmation: string;
  currentPassword: string;
  ip: string | null;
}): Promise<void> {
  const user = await verifyOwnPassword(input.userId, input.currentPassword);
  if (input.confirmation.trim().toLowerCase() !== user.username) {
    throw new ValidationError("Please correct the highlighted fields.", {
      confirmation: [`Type ${user.username} to confirm`],
    });
  }
  await transaction(async (tx) => {
    await tx.update(users).set({ deactivatedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, input.userId));
    accessChanged(tx);
    await revokeOtherSessions(input.userId, null, tx);
    await revokeRefreshTokens(input.userId, { passwordOnly: false }, tx);
    await recordAudit({ actorId: input.userId, action: "account_deactivated", ip: input.ip }, tx);
  });
}
