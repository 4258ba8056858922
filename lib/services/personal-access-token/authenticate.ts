import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { personalAccessTokens, users, type TokenScope } from "@/db/schema";
import { sha256 } from "@/lib/auth/crypto";
import { TOKEN_PREFIX } from "./create";

export type TokenPrincipal = {
  user: { id: string; username: string; email: string; isAdmin: boolean; displayName: string | null; twoFactorEnabled: boolean };
  token: { id: string; scope: TokenScope; expiresAt: Date | null };
};

export type TokenCheck = { ok: true; principal: TokenPrincipal } | { ok: false; reason: "unknown" | "inactive" | "expired" | "account_deactivated"; userId: string | null };

export function looksLikeToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && value.length === TOKEN_PREFIX.length + 40;
}

/**
 * Resolves a token secret to its owner, checking status on every call (no cache), so a
 * deactivated, deleted or expired token fails on the very next request. Records `last_used_at`
 * at most once a minute per token, so hot CI loops do not write on every request.
 */
export async function authenticatePersonalAccessToken(secret: string): Promise<TokenCheck> {
  if (!looksLikeToken(secret)) return { ok: false, reason: "unknown", userId: null };
  const db = getDb();
  const [row] = await db
    .select({ token: personalAccessTokens, user: users })
    .from(personalAccessTokens)
    .innerJoin(users, eq(users.id, personalAccessTokens.userId))
    .where(eq(personalAccessTokens.tokenHash, sha256(secret)))
    .limit(1);
  if (!row) return { ok: false, reason: "unknown", userId: null };
  const { token, user } = row;
  if (user.deactivatedAt) return { ok: false, reason: "account_deactivated", userId: user.id };
  if (token.deactivatedAt) return { ok: false, reason: "inactive", userId: user.id };
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return { ok: false, reason: "expired", userId: user.id };
  await db
    .update(personalAccessTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(personalAccessTokens.id, token.id), or(isNull(personalAccessTokens.lastUsedAt), lt(personalAccessTokens.lastUsedAt, sql`now() - interval '1 minute'`))));
  return {
    ok: true,
    principal: {
      user: { id: user.id, username: user.username, email: user.email, isAdmin: user.isAdmin, displayName: user.displayName, twoFactorEnabled: user.totpEnabledAt !== null },
      token: { id: token.id, scope: token.scope, expiresAt: token.expiresAt },
    },
  };
}
