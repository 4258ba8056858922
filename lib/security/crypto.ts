import crypto from "node:crypto";
import { getEnv } from "@/lib/env";

/** Derives a purpose-bound key from AUTH_SECRET, so one secret never serves two uses directly. */
function key(purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", getEnv().AUTH_SECRET, "dockyard", purpose, 32));
}

/** What a sealed secret is for: each purpose has its own key. */
export type SecretPurpose =
  | "totp-secret"
  | "webhook-secret"
  // A build source's access token or deploy key (issue 23), and its build webhook's secret.
  | "build-credential"
  | "build-webhook-secret";

/** AES-256-GCM; output is `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptSecret(plain: string, purpose: SecretPurpose = "totp-secret"): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(purpose), iv);
  const enc = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), enc.toString("base64url")].join(
    ".",
  );
}

export function decryptSecret(sealed: string, purpose: SecretPurpose = "totp-secret"): string {
  const [v, iv, tag, enc] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || !enc) throw new Error("unknown secret format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(enc, "base64url")), decipher.final()]).toString("utf8");
}

export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** What a ticket vouches for. `sign-up` is the session ticket of a brand-new account: its first session is no "new sign-in". */
export type TicketPurpose = "mfa" | "session" | "sign-up";

/**
 * Short-lived signed tickets carry a verified step of sign-in (password checked, code pending;
 * or everything checked, session may be created) without keeping the password around.
 */
export function signTicket(purpose: TicketPurpose, userId: string, ttlSeconds: number): string {
  const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
  const body = `${purpose}.${userId}.${exp}`;
  const mac = crypto.createHmac("sha256", key("ticket")).update(body).digest("base64url");
  return `${Buffer.from(body).toString("base64url")}.${mac}`;
}

export function verifyTicket(purpose: TicketPurpose, ticket: string): string | null {
  const [b, mac] = ticket.split(".");
  if (!b || !mac) return null;
  const body = Buffer.from(b, "base64url").toString("utf8");
  const expected = crypto.createHmac("sha256", key("ticket")).update(body).digest("base64url");
  if (expected.length !== mac.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) return null;
  const [p, userId, exp] = body.split(".");
  if (p !== purpose || !userId || Number(exp) < Date.now() / 1000) return null;
  return userId;
}

/** An unforgeable tag for a value (URL capabilities such as a webhook delivery's callback_url). */
export function purposeMac(purpose: "webhook-callback", value: string): string {
  return crypto.createHmac("sha256", key(purpose)).update(value).digest("base64url");
}
