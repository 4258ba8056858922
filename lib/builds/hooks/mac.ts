import crypto from "node:crypto";

/** Hex HMAC-SHA256 of the raw body, as GitHub, Gitea and Forgejo sign their webhooks. */
export function hmacHex(secret: string, body: Uint8Array): string {
  return crypto.createHmac("sha256", secret).update(body).digest("hex");
}

/**
 * Whether a given hex MAC is `expected`, compared in constant time. A value that is not hex of the
 * right length is simply wrong (Buffer.from(…, "hex") stops at the first non-hex character, so
 * its length is checked on the decoded bytes, never on the text).
 */
export function hexMacEquals(givenHex: string, expectedHex: string): boolean {
  if (!/^[0-9a-fA-F]*$/.test(givenHex)) return false;
  const given = Buffer.from(givenHex, "hex");
  const expected = Buffer.from(expectedHex, "hex");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
