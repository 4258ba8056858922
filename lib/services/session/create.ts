import "server-only";
import { getDb } from "@/db";
import { sessions } from "@/db/schema";
import { getEnv } from "@/lib/env";

export async function createSession(userId: string, meta: { userAgent: string | null; ipAddress: string | null }): Promise<string> {
  const expiresAt = new Date(Date.now() + getEnv().SESSION_MAX_AGE_SECONDS * 1000);
  const [row] = await getDb()
    .insert(sessions)
    .values({ userId, expiresAt, userAgent: meta.userAgent?.slice(0, 300) ?? null, ipAddress: meta.ipAddress })
    .returning({ id: sessions.id });
  return row!.id;
}
