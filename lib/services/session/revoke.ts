import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import { sessions } from "@/db/schema";

/** Ends one session (sign-out). Only the owner's own session id ever reaches here. */
export async function revokeSession(sessionId: string, userId: string): Promise<void> {
  await getDb()
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Ends every session of a user except `keep` (password change, 2FA change, deactivation). */
export async function revokeOtherSessions(userId: string, keep: string | null, tx?: Transaction): Promise<number> {
  const where = keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep), isNull(sessions.revokedAt)) : and(eq(sessions.userId, userId), isNull(sessions.revokedAt));
  const rows = await (tx ?? getDb()).update(sessions).set({ revokedAt: new Date() }).where(where).returning({ id: sessions.id });
  return rows.length;
}
