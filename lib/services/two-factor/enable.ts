import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { transaction } from "@/db";
import { users } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { encryptSecret } from "@/lib/security/crypto";
import { verifyTotp } from "@/lib/security/totp";
import { openEnrollment } from "@/lib/security/two-factor-enrollment";
import { ConflictError, ValidationError } from "@/lib/errors";
import { replaceRecoveryCodes } from "./replace-recovery-codes";
import { revokeRefreshTokens } from "@/lib/services/registry-refresh-token/revoke";
import { recordAudit } from "@/lib/services/audit-event/record";
import { notify } from "@/lib/services/notification/notify";

/**
 * Turns 2FA on once the user proves their app produces codes for the sealed secret. Secret, flag
 * and ten recovery codes are written in one transaction; the codes are returned to show once.
 */
export async function enableTwoFactor(input: {
  userId: string;
  username: string;
  enrollment: string;
  code: string;
  ip: string | null;
}): Promise<{ recoveryCodes: string[] }> {
  const secret = openEnrollment(input.enrollment, input.userId);
  // A field error on `enrollment` (not only a message) lets the form offer a fresh QR code.
  if (!secret)
    throw new ValidationError("This setup has expired.", {
      enrollment: ["This setup has expired. Get a new QR code and scan it again."],
    });
  if (!verifyTotp(input.username, secret, input.code)) {
    throw new ValidationError("Please correct the highlighted fields.", {
      code: ["That code is not valid. Check the time on your device and try the next code."],
    });
  }
  const result = await transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ totpSecretEnc: encryptSecret(secret), totpEnabledAt: new Date(), updatedAt: new Date() })
      .where(and(eq(users.id, input.userId), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (updated.length === 0) throw new ConflictError("Two-factor authentication is already enabled.");
    accessChanged(tx);
    const codes = await replaceRecoveryCodes(tx, input.userId);
    // A password alone no longer signs in, so docker logins made with it end too.
    await revokeRefreshTokens(input.userId, { passwordOnly: true }, tx);
    await recordAudit({ actorId: input.userId, action: "2fa_enabled", ip: input.ip }, tx);
    await notify(tx, [
      {
        userId: input.userId,
        kind: "two_factor_changed",
        title: "Two-factor authentication turned on",
        body: "Two-factor authentication was turned on for your account: signing in now needs a code from your authenticator app, and the registry accepts only personal access tokens. If this wasn't you, contact your administrator.",
        link: "/settings/security",
      },
    ]);
    return { recoveryCodes: codes };
  });
  return result;
}
