import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import { registryRefreshTokens } from "@/db/schema";

/**
 * Ends a user's docker logins. `passwordOnly` (a password change, a 2FA change, deactivation) ends
 * the ones obtained with the password, since that is the credential that changed; the ones obtained
 * with a personal access token live and die with that token. "Sign out everywhere" ends them all.
 */
export async function revokeRefreshTokens(userId: string, opts: { passwordOnly: boolean }, tx?: Transaction): Promise<number> {
  const where = and(eq(registryRefreshTokens.userId, userId), isNull(registryRefreshTokens.revokedAt), opts.passwordOnly ? isNull(registryRefreshTokens.personalAccessTokenId) : undefined);
  const rows = await (tx ?? getDb()).update(registryRefreshTokens).set({ revokedAt: new Date() }).where(where).returning({ id: registryRefreshTokens.id });
  return rows.length;
}

/** Ends one docker login from Settings → Security; only the owner's own login ever matches. */
export async function revokeRefreshToken(id: string, userId: string): Promise<boolean> {
  const rows = await getDb()
    .update(registryRefreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(registryRefreshTokens.id, id), eq(registryRefreshTokens.userId, userId), isNull(registryRefreshTokens.revokedAt)))
    .returning({ id: registryRefreshTokens.id });
  return rows.length > 0;
}
