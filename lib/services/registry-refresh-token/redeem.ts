import "server-only";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { personalAccessTokens, registryRefreshTokens, users, type TokenScope } from "@/db/schema";
import { sha256 } from "@/lib/security/crypto";

export type RedeemedRefreshToken = {
  user: { id: string; username: string; isAdmin: boolean };
  personalAccessTokenId: string | null;
  // The scope of the personal access token it came from; null for a password login.
  tokenScope: TokenScope | null;
};

/**
 * Checks a refresh token: not revoked or expired, its user active, and the personal access token
 * it came from (if any) still active and unexpired. One from a password login also dies with any
 * later password change or 2FA enabling, even if the revocation that those write were missed.
 * Touches `last_used_at` and the address (at most once a minute).
 */
export async function redeemRefreshToken(secret: string, ip: string | null): Promise<RedeemedRefreshToken | null> {
  if (!secret.startsWith("rcr_") || secret.length > 200) return null;
  const db = getDb();
  const [row] = await db
    .select({
      id: registryRefreshTokens.id,
      userId: users.id,
      username: users.username,
      isAdmin: users.isAdmin,
      patId: registryRefreshTokens.personalAccessTokenId,
      patScope: personalAccessTokens.scope,
      patDeactivatedAt: personalAccessTokens.deactivatedAt,
      patExpiresAt: personalAccessTokens.expiresAt,
      createdAt: registryRefreshTokens.createdAt,
      passwordChangedAt: users.passwordChangedAt,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(registryRefreshTokens)
    .innerJoin(users, eq(users.id, registryRefreshTokens.userId))
    .leftJoin(personalAccessTokens, eq(personalAccessTokens.id, registryRefreshTokens.personalAccessTokenId))
    .where(
      and(
        eq(registryRefreshTokens.tokenHash, sha256(secret)),
        isNull(registryRefreshTokens.revokedAt),
        gt(registryRefreshTokens.expiresAt, sql`now()`),
        isNull(users.deactivatedAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (row.patId && (row.patDeactivatedAt || (row.patExpiresAt && row.patExpiresAt.getTime() <= Date.now())))
    return null;
  if (!row.patId && [row.passwordChangedAt, row.totpEnabledAt].some((t) => t && t.getTime() > row.createdAt.getTime()))
    return null;
  await db
    .update(registryRefreshTokens)
    .set({ lastUsedAt: new Date(), ...(ip ? { lastUsedIp: ip } : {}) })
    .where(
      and(
        eq(registryRefreshTokens.id, row.id),
        or(
          isNull(registryRefreshTokens.lastUsedAt),
          lt(registryRefreshTokens.lastUsedAt, sql`now() - interval '1 minute'`),
        ),
      ),
    );
  return {
    user: { id: row.userId, username: row.username, isAdmin: row.isAdmin },
    personalAccessTokenId: row.patId,
    tokenScope: row.patScope,
  };
}
