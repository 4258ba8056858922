import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { personalAccessTokens, type TokenScope } from "@/db/schema";

export type TokenListItem = {
  id: string;
  description: string;
  scope: TokenScope;
  displayPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  status: "active" | "inactive" | "expired";
};

/** The caller's own tokens, newest first. Never returns hashes. */
export async function listPersonalAccessTokens(userId: string): Promise<TokenListItem[]> {
  const rows = await getDb()
    .select({
      id: personalAccessTokens.id,
      description: personalAccessTokens.description,
      scope: personalAccessTokens.scope,
      displayPrefix: personalAccessTokens.displayPrefix,
      createdAt: personalAccessTokens.createdAt,
      lastUsedAt: personalAccessTokens.lastUsedAt,
      expiresAt: personalAccessTokens.expiresAt,
      deactivatedAt: personalAccessTokens.deactivatedAt,
    })
    .from(personalAccessTokens)
    .where(eq(personalAccessTokens.userId, userId))
    .orderBy(desc(personalAccessTokens.createdAt));
  const now = Date.now();
  return rows.map(({ deactivatedAt, ...r }) => ({
    ...r,
    status: r.expiresAt && r.expiresAt.getTime() <= now ? "expired" : deactivatedAt ? "inactive" : "active",
  }));
}
