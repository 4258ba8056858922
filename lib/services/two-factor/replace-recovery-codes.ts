import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { recoveryCodes } from "@/db/schema";
import { sha256 } from "@/lib/security/crypto";
import { newRecoveryCodes, normalizeRecoveryCode } from "@/lib/security/totp";

/** Replaces all of a user's recovery codes inside `tx`; returns the new codes (shown once, stored hashed). */
export async function replaceRecoveryCodes(tx: Transaction, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: sha256(normalizeRecoveryCode(c)) })));
  return codes;
}
