import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db";
import { users } from "@/db/schema";

/** The username of who is acting, for payloads that name them (null: nobody signed in). */
export async function actorName(db: Database | Transaction, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await db.select({ username: users.username }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.username ?? null;
}
