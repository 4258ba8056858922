import { decryptSecret, encryptSecret } from "@/lib/security/crypto";
import { newTotpSecret } from "@/lib/security/totp";

const TTL_MS = 10 * 60 * 1000;

/**
 * The secret being set up travels between "show QR" and "confirm code" sealed (AES-GCM) in the
 * form, bound to the user and ten minutes: nothing is stored until the code proves the app has it.
 */
export function startEnrollment(userId: string): { secret: string; sealed: string } {
  const secret = newTotpSecret();
  return { secret, sealed: encryptSecret(JSON.stringify({ userId, secret, exp: Date.now() + TTL_MS })) };
}

export function openEnrollment(sealed: string, userId: string): string | null {
  try {
    const data = JSON.parse(decryptSecret(sealed)) as { userId?: string; secret?: string; exp?: number };
    if (
      data.userId !== userId ||
      typeof data.secret !== "string" ||
      typeof data.exp !== "number" ||
      data.exp < Date.now()
    )
      return null;
    return data.secret;
  } catch {
    return null;
  }
}
