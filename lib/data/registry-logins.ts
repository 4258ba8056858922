import "server-only";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { personalAccessTokens, registryRefreshTokens, users } from "@/db/schema";

export type RegistryLogin = {
  id: string;
  clientId: string | null;
  userAgent: string | null;
  // null: made with the password.
  token: { name: string; active: boolean } | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  createdIp: string | null;
  lastUsedIp: string | null;
};

// As redeeming checks it: a password login older than the last password or 2FA change is dead even unrevoked.
const passwordStillValid = sql`(${registryRefreshTokens.personalAccessTokenId} is not null or coalesce(greatest(${users.passwordChangedAt}, ${users.totpEnabledAt}) <= ${registryRefreshTokens.createdAt}, true))`;

/**
 * The caller's docker logins (refresh tokens) that have not ended, newest first. One made with a
 * personal access token that is now inactive or expired is listed too, marked so: it comes back
 * if the token is activated again, so it can be revoked meanwhile. Never returns hashes.
 */
export async function listRegistryLogins(userId: string): Promise<RegistryLogin[]> {
  const rows = await getDb()
    .select({
      id: registryRefreshTokens.id,
      clientId: registryRefreshTokens.clientId,
      userAgent: registryRefreshTokens.userAgent,
      tokenName: personalAccessTokens.description,
      tokenDeactivatedAt: personalAccessTokens.deactivatedAt,
      tokenExpiresAt: personalAccessTokens.expiresAt,
      createdAt: registryRefreshTokens.createdAt,
      lastUsedAt: registryRefreshTokens.lastUsedAt,
      createdIp: registryRefreshTokens.createdIp,
      lastUsedIp: registryRefreshTokens.lastUsedIp,
    })
    .from(registryRefreshTokens)
    .innerJoin(users, eq(users.id, registryRefreshTokens.userId))
    .leftJoin(personalAccessTokens, eq(personalAccessTokens.id, registryRefreshTokens.personalAccessTokenId))
    .where(
      and(
        eq(registryRefreshTokens.userId, userId),
        isNull(registryRefreshTokens.revokedAt),
        gt(registryRefreshTokens.expiresAt, sql`now()`),
        passwordStillValid,
      ),
    )
    .orderBy(desc(registryRefreshTokens.createdAt), desc(registryRefreshTokens.id));
  const now = Date.now();
  return rows.map(({ tokenName, tokenDeactivatedAt, tokenExpiresAt, ...r }) => ({
    ...r,
    token:
      tokenName === null
        ? null
        : { name: tokenName, active: !tokenDeactivatedAt && !(tokenExpiresAt && tokenExpiresAt.getTime() <= now) },
  }));
}
