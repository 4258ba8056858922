import { UNKNOWN_IP } from "@/lib/http/client-ip";
import type { Limit } from "@/lib/services/rate-limit/consume";

const SIGN_IN_MESSAGE = "Too many failed sign-in attempts. Wait a few minutes and try again.";

/** Failed sign-ins: 10 per account and 30 per address in 15 minutes (both browser and registry logins). */
export const limits = {
  loginAccount: (login: string): Limit => ({ key: `login:acct:${login.trim().toLowerCase()}`, max: 10, windowSeconds: 900, message: SIGN_IN_MESSAGE }),
  // Null when the address is unknown (no trusted proxy): one shared bucket would let anyone lock everyone out.
  loginAddress: (ip: string): Limit | null => (ip === UNKNOWN_IP ? null : { key: `login:ip:${ip}`, max: 30, windowSeconds: 900, message: SIGN_IN_MESSAGE }),
  // Wrong 2FA codes: 5 per account in 5 minutes (a 6-digit code must not be guessable).
  totp: (userId: string): Limit => ({ key: `totp:${userId}`, max: 5, windowSeconds: 300, message: "Too many wrong codes. Wait a few minutes and try again." }),
  // Confirmation emails (email change and resends): 5 per account an hour, so the form cannot be used to flood an inbox.
  verificationMail: (userId: string): Limit => ({ key: `verify-mail:${userId}`, max: 5, windowSeconds: 3600, message: "Too many confirmation emails. Wait an hour and try again." }),
};
