import "server-only";
import { getDb } from "@/db";
import { replaceRecoveryCodes } from "./replace-recovery-codes";
import { verifyCurrentCode } from "./verify-current-code";
import { recordAudit } from "@/lib/services/audit-event/record";

/** New recovery codes after a current code; every old code stops working. */
export async function regenerateRecoveryCodes(input: { userId: string; code: string; ip: string | null }): Promise<{ recoveryCodes: string[] }> {
  await verifyCurrentCode(input.userId, input.code);
  return getDb().transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, input.userId);
    await recordAudit({ actorId: input.userId, action: "recovery_codes_regenerated", ip: input.ip }, tx);
    return { recoveryCodes: codes };
  });
}
