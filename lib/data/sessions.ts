import "server-only";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { namespaces, sessions, users } from "@/db/schema";

export type CurrentUser = {
  id: string;
  sessionId: string;
  username: string;
  email: string;
  displayName: string | null;
  isAdmin: boolean;
  twoFactorEnabled: boolean;
  namespaceId: string;
  defaultVisibility: "public" | "private";
};

/**
 * The signed-in user for a session id, or null when the session was revoked, expired, or the
 * account deactivated. Touches `last_seen_at` at most once a minute.
 */
export async function getActiveSessionUser(sessionId: string): Promise<CurrentUser | null> {
  const db = getDb();
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      email: users.email,
      displayName: users.displayName,
      isAdmin: users.isAdmin,
      totpEnabledAt: users.totpEnabledAt,
      namespaceId: users.namespaceId,
      defaultVisibility: namespaces.defaultVisibility,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(namespaces, eq(namespaces.id, users.namespaceId))
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        isNull(users.deactivatedAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
  }
  return {
    id: row.id,
    sessionId,
    username: row.username,
    email: row.email,
    displayName: row.displayName,
    isAdmin: row.isAdmin,
    twoFactorEnabled: row.totpEnabledAt !== null,
    namespaceId: row.namespaceId,
    defaultVisibility: row.defaultVisibility,
  };
}

export type ActiveSession = {
  id: string;
  current: boolean;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
};

/** The caller's sessions that have not ended: the one making the request first, then the most recently active. */
export async function listActiveSessions(userId: string, currentSessionId: string): Promise<ActiveSession[]> {
  const rows = await getDb()
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(sql`${sessions.id} = ${currentSessionId} desc`, desc(sessions.lastSeenAt), desc(sessions.id));
  return rows.map((r) => ({ ...r, current: r.id === currentSessionId }));
}
