import "server-only";
import { eq, or } from "drizzle-orm";
import { getDb } from "@/db";
import { users, type User } from "@/db/schema";

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
