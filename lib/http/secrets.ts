import crypto from "node:crypto";

/** Constant-time comparison of secrets (hashing first so different lengths leak nothing either). */
export function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash("sha256").update(a).digest();
  const hb = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}
