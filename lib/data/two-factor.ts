import "server-only";
import { and, count, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { recoveryCodes, users } from "@/db/schema";

export type TwoFactorStatus = { enabledAt: Date | null; unusedRecoveryCodes: number };

export async function getTwoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const db = getDb();
  const [user] = await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).limit(1);
  const [codes] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { enabledAt: user?.enabledAt ?? null, unusedRecoveryCodes: codes?.n ?? 0 };
}
