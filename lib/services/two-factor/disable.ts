import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { recoveryCodes, users } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { notify } from "@/lib/services/notification/notify";
import { revokeOtherSessions } from "@/lib/services/session/revoke";
import { revokeRefreshTokens } from "@/lib/services/registry-refresh-token/revoke";
import { verifyCurrentCode } from "./verify-current-code";
import { recordAudit } from "@/lib/services/audit-event/record";

/**
 * Turns 2FA off after a current code. Other sessions end, since the account just became easier
 * to get into; the one making the change stays signed in.
 */
export async function disableTwoFactor(input: {
  userId: string;
  sessionId: string;
  code: string;
  ip: string | null;
}): Promise<void> {
  await verifyCurrentCode(input.userId, input.code);
  await transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecretEnc: null, totpEnabledAt: null, updatedAt: new Date() })
      .where(eq(users.id, input.userId));
    accessChanged(tx);
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, input.userId));
    await revokeOtherSessions(input.userId, input.sessionId, tx);
    await revokeRefreshTokens(input.userId, { passwordOnly: true }, tx);
    await recordAudit({ actorId: input.userId, action: "2fa_disabled", ip: input.ip }, tx);
    await notify(tx, [
      {
        userId: input.userId,
        kind: "two_factor_changed",
        title: "Two-factor authentication turned off",
        body: "Two-factor authentication was turned off for your account and your other sessions were signed out. If this wasn't you, change your password and turn it back on.",
        link: "/settings/security",
      },
    ]);
  });
}
