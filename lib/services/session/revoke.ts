import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import { getDb, transaction, type Transaction } from "@/db";
import { sessions } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit-event/record";
import { browserLabel } from "@/lib/user-agent";

/** Ends one session (sign-out). Only the owner's own session id ever reaches here. */
export async function revokeSession(sessionId: string, userId: string): Promise<void> {
  await getDb()
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/**
 * Ends one session chosen on Settings → Security and records it, in one transaction. The id
 * comes from a form, so it only matches the owner's own session: another user's id (or one
 * already ended) is "not found". A plain sign-out (above) is not recorded.
 */
export async function revokeListedSession(sessionId: string, userId: string, ip: string | null = null): Promise<void> {
  await transaction(async (tx) => {
    const [row] = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ userAgent: sessions.userAgent, ipAddress: sessions.ipAddress });
    if (!row) throw new NotFoundError("That session does not exist or has already ended.");
    await recordAudit(
      {
        actorId: userId,
        action: "session_revoked",
        target: browserLabel(row.userAgent),
        metadata: row.ipAddress ? { address: row.ipAddress } : undefined,
        ip,
      },
      tx,
    );
  });
}

/** Ends every session of a user except `keep` (password change, 2FA change, deactivation), or all of them when `keep` is null ("Sign out everywhere"). */
export async function revokeOtherSessions(userId: string, keep: string | null, tx?: Transaction): Promise<number> {
  const where = keep
    ? and(eq(sessions.userId, userId), ne(sessions.id, keep), isNull(sessions.revokedAt))
    : and(eq(sessions.userId, userId), isNull(sessions.revokedAt));
  const rows = await (tx ?? getDb())
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(where)
    .returning({ id: sessions.id });
  return rows.length;
}
