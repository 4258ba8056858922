import { UNKNOWN_IP } from "@/lib/http/client-ip";
import type { Limit } from "@/lib/services/rate-limit/consume";

const REFUSALS_MESSAGE = "Too many refused build webhook calls.";
const SIGN_IN_MESSAGE = "Too many failed sign-in attempts. Wait a few minutes and try again.";

/**
 * Every attempt limit of the console. Each is taken atomically before the attempt it guards
 * (lib/services/rate-limit/consume.ts) and keyed by an id, never by what was typed: the username
 * and the email of one account share one allowance.
 */
export const limits = {
  // Failed sign-ins: 10 per account in 15 minutes (browser and registry logins together). An
  // unknown login gets its own bucket so a guesser cannot tell known from unknown by the limit.
  loginAccount: (account: { id: string } | { unknownLogin: string }): Limit => ({
    key:
      "id" in account
        ? `login:acct:${account.id}`
        : `login:unknown:${account.unknownLogin.trim().toLowerCase().slice(0, 320)}`,
    max: 10,
    windowSeconds: 900,
    message: SIGN_IN_MESSAGE,
  }),
  // 30 per address. Null when the address is unknown (no trusted proxy): one shared bucket would let anyone lock everyone out.
  loginAddress: (ip: string): Limit | null =>
    ip === UNKNOWN_IP ? null : { key: `login:ip:${ip}`, max: 30, windowSeconds: 900, message: SIGN_IN_MESSAGE },
  // Wrong 2FA and recovery codes: 5 per account in 5 minutes (a 6-digit code must not be guessable).
  totp: (userId: string): Limit => ({
    key: `totp:${userId}`,
    max: 5,
    windowSeconds: 300,
    message: "Too many wrong codes. Wait a few minutes and try again.",
  }),
  // Confirmation emails (email change and resends): 5 per account an hour, so the form cannot be used to flood an inbox.
  verificationMail: (userId: string): Limit => ({
    key: `verify-mail:${userId}`,
    max: 5,
    windowSeconds: 3600,
    message: "Too many confirmation emails. Wait an hour and try again.",
  }),
  // Invitations: 50 per organization a day, so an owner's form cannot be used to mail strangers in bulk.
  invitations: (organizationId: string): Limit => ({
    key: `invite:${organizationId}`,
    max: 50,
    windowSeconds: 86_400,
    message:
      "This organization has sent 50 invitations today. Wait a day, or ask people to sign up and invite them by username.",
  }),
  // Refused build webhook calls written to the audit log (lib/services/build/record-hook-refusal.ts):
  // 30 per repository path and 60 per address in 10 minutes, and 100 site-wide for paths that name
  // no repository (they belong to no namespace, so one bucket). Past these the calls are still
  // refused, only no longer logged, so a flood cannot bury the log.
  buildHookRefusals: (path: string): Limit => ({
    key: `build-hook-refused:${path.toLowerCase().slice(0, 300)}`,
    max: 30,
    windowSeconds: 600,
    message: REFUSALS_MESSAGE,
  }),
  buildHookRefusalsAddress: (ip: string): Limit | null =>
    ip === UNKNOWN_IP
      ? null
      : { key: `build-hook-refused-ip:${ip}`, max: 60, windowSeconds: 600, message: REFUSALS_MESSAGE },
  buildHookUnknownRefusals: (): Limit => ({
    key: "build-hook-refused-unknown",
    max: 100,
    windowSeconds: 600,
    message: REFUSALS_MESSAGE,
  }),
  // Repositories created by token requests (a first push): 100 per namespace an hour.
  pushCreatedRepositories: (namespaceId: string, namespaceName: string): Limit => ({
    key: `repo-create:${namespaceId}`,
    max: 100,
    windowSeconds: 3600,
    message: `${namespaceName} has created 100 repositories by push in the last hour. Wait, or create the repository in the console first.`,
  }),
};
