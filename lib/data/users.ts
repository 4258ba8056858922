import "server-only";
import { cache } from "react";
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { emailVerifications, namespaces, users, type User } from "@/db/schema";

/** Looks a user up by username or email (sign-in and the registry's Basic auth accept either). */
export async function findUserByLogin(login: string): Promise<User | undefined> {
  const normalized = login.trim().toLowerCase();
  if (!normalized) return undefined;
  const [user] = await getDb()
    .select()
    .from(users)
    .where(or(eq(users.username, normalized), eq(users.email, normalized)))
    .limit(1);
  return user;
}

/** An account's id by username, deactivated ones included (they can still be removed from teams and organizations). */
export async function getUserIdByUsername(username: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, username.trim().toLowerCase()))
    .limit(1);
  return row?.id ?? null;
}

export type AccountSettings = {
  username: string;
  email: string;
  emailVerified: boolean;
  pendingEmail: string | null;
  displayName: string | null;
  company: string | null;
  location: string | null;
  website: string | null;
  defaultVisibility: "public" | "private";
};

/** The caller's own settings, with the newest unexpired pending email change if any. */
export async function getAccountSettings(userId: string): Promise<AccountSettings | null> {
  const db = getDb();
  const [row] = await db
    .select({ user: users, defaultVisibility: namespaces.defaultVisibility })
    .from(users)
    .innerJoin(namespaces, eq(namespaces.id, users.namespaceId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const [pending] = await db
    .select({ email: emailVerifications.email })
    .from(emailVerifications)
    .where(
      and(
        eq(emailVerifications.userId, userId),
        isNull(emailVerifications.usedAt),
        gt(emailVerifications.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(emailVerifications.createdAt))
    .limit(1);
  const u = row.user;
  return {
    username: u.username,
    email: u.email,
    emailVerified: u.emailVerifiedAt !== null,
    pendingEmail: pending?.email ?? null,
    displayName: u.displayName,
    company: u.company,
    location: u.location,
    website: u.website,
    defaultVisibility: row.defaultVisibility,
  };
}

export type PublicProfile = {
  namespaceId: string;
  username: string;
  displayName: string | null;
  company: string | null;
  location: string | null;
  website: string | null;
  joinedAt: Date;
};

/**
 * A user's public profile; null for unknown and deactivated accounts (they 404). Cached per request:
 * the profile's layout checks existence before streaming starts (so the 404 is a real status) and
 * the page reads the same row.
 */
export const getPublicProfile = cache(async (username: string): Promise<PublicProfile | null> => {
  const [u] = await getDb()
    .select({
      namespaceId: users.namespaceId,
      username: users.username,
      displayName: users.displayName,
      company: users.company,
      location: users.location,
      website: users.website,
      joinedAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.username, username.toLowerCase()), isNull(users.deactivatedAt)))
    .limit(1);
  return u ?? null;
});
