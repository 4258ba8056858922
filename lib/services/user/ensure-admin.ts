import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { createUser } from "./create";

export type EnsureAdminInput = { username: string; email: string; password: string };

/**
 * Creates the site operator account on first start; later starts leave it alone (its password may
 * have been changed in the console since). Returns whether it was created.
 */
export async function ensureAdmin(input: EnsureAdminInput): Promise<{ created: boolean }> {
  const existing = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, input.username))
    .limit(1);
  if (existing.length > 0) return { created: false };
  await createUser({
    username: input.username,
    email: input.email.toLowerCase(),
    password: input.password,
    isAdmin: true,
    emailVerified: true,
  });
  return { created: true };
}
