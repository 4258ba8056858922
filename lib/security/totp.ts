import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";

const ISSUER = "Dockyard";

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(username: string, base32: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(base32),
  });
}

/** Accepts the current code and one step either side (clock drift), as authenticator apps expect. */
export function verifyTotp(username: string, base32: string, code: string): boolean {
  return totpFor(username, base32).validate({ token: code.trim(), window: 1 }) !== null;
}

/** Ten codes like `k3j9x-2mq8d`: about 49 bits each (31^10), readable aloud, no look-alike characters. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: count }, () => {
    // randomInt, not `byte % 31`: a modulo would make some characters likelier than others.
    const chars = Array.from({ length: 10 }, () => alphabet[crypto.randomInt(alphabet.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function normalizeRecoveryCode(code: string): string {
  const c = code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  return `${c.slice(0, 5)}-${c.slice(5)}`;
}
