import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, transaction, type Transaction } from "@/db";
import { registryRefreshTokens } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit-event/record";
import { registryClientLabel } from "@/lib/user-agent";

/**
 * Ends a user's docker logins. `passwordOnly` (a password change, a 2FA change, deactivation) ends
 * the ones obtained with the password, since that is the credential that changed; the ones obtained
 * with a personal access token live and die with that token. "Sign out everywhere" ends them all.
 */
export async function revokeRefreshTokens(
  userId: string,
  opts: { passwordOnly: boolean },
  tx?: Transaction,
): Promise<number> {
  const where = and(
    eq(registryRefreshTokens.userId, userId),
    isNull(registryRefreshTokens.revokedAt),
    opts.passwordOnly ? isNull(registryRefreshTokens.personalAccessTokenId) : undefined,
  );
  const rows = await (tx ?? getDb())
    .update(registryRefreshTokens)
    .set({ revokedAt: new Date() })
    .where(where)
    .returning({ id: registryRefreshTokens.id });
  return rows.length;
}

/**
 * Ends one docker login from Settings → Security and records it, in one transaction. Only the
 * owner's own login ever matches: another user's id (or one already ended) is "not found".
 */
export async function revokeRefreshToken(id: string, userId: string, ip: string | null = null): Promise<void> {
  await transaction(async (tx) => {
    const [row] = await tx
      .update(registryRefreshTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(registryRefreshTokens.id, id),
          eq(registryRefreshTokens.userId, userId),
          isNull(registryRefreshTokens.revokedAt),
        ),
      )
      .returning({
        clientId: registryRefreshTokens.clientId,
        userAgent: registryRefreshTokens.userAgent,
        personalAccessTokenId: registryRefreshTokens.personalAccessTokenId,
      });
    if (!row) throw new NotFoundError("That docker login does not exist or has already ended.");
    await recordAudit(
      {
        actorId: userId,
        action: "docker_login_revoked",
        target: registryClientLabel(row.userAgent, row.clientId),
        metadata: { madeWith: row.personalAccessTokenId ? "token" : "password" },
        ip,
      },
      tx,
    );
  });
}
