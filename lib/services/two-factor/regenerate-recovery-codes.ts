import "server-only";
import { transaction } from "@/db";
import { notify } from "@/lib/services/notification/notify";
import { replaceRecoveryCodes } from "./replace-recovery-codes";
import { verifyCurrentCode } from "./verify-current-code";
import { recordAudit } from "@/lib/services/audit-event/record";

/** New recovery codes after a current code; every old code stops working. */
export async function regenerateRecoveryCodes(input: {
  userId: string;
  code: string;
  ip: string | null;
}): Promise<{ recoveryCodes: string[] }> {
  await verifyCurrentCode(input.userId, input.code);
  const result = await transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, input.userId);
    await recordAudit({ actorId: input.userId, action: "recovery_codes_regenerated", ip: input.ip }, tx);
    await notify(tx, [
      {
        userId: input.userId,
        kind: "two_factor_changed",
        title: "New recovery codes generated",
        body: "New two-factor recovery codes were generated for your account; the previous codes no longer work. If this wasn't you, change your password.",
        link: "/settings/security",
      },
    ]);
    return { recoveryCodes: codes };
  });
  return result;
}
