import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { namespaces, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

export type EnsureAdminInput = { username: string; email: string; password: string };

/**
 * Creates the site operator account on first start; later starts leave it alone (its password may
 * have been changed in the console since). Returns whether it was created.
 */
export async function ensureAdmin(input: EnsureAdminInput): Promise<{ created: boolean }> {
  const db = getDb();
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username)).limit(1);
  if (existing.length > 0) return { created: false };
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [ns] = await tx.insert(namespaces).values({ name: input.username, kind: "user" }).onConflictDoNothing().returning({ id: namespaces.id });
    if (!ns) return { created: false };
    await tx.insert(users).values({ namespaceId: ns.id, username: input.username, email: input.email.toLowerCase(), passwordHash, isAdmin: true });
    return { created: true };
  });
}
