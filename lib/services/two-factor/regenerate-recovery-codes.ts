import "server-only";
import { getDb } from "@/db";
import { authEvents } from "@/db/schema";
import { replaceRecoveryCodes } from "./replace-recovery-codes";
import { verifyCurrentCode } from "./verify-current-code";

/** New recovery codes after a current code; every old code stops working. */
export async function regenerateRecoveryCodes(input: { userId: string; code: string; ip: string | null }): Promise<{ recoveryCodes: string[] }> {
  await verifyCurrentCode(input.userId, input.code);
  return getDb().transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, input.userId);
    await tx.insert(authEvents).values({ userId: input.userId, kind: "recovery_codes_regenerated", ipAddress: input.ip });
    return { recoveryCodes: codes };
  });
}
