import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { personalAccessTokens } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit-event/record";

/** Deletes one of the caller's own tokens (refresh tokens minted from it go with it: cascade). */
export async function deletePersonalAccessToken(
  userId: string,
  tokenId: string,
  ip: string | null = null,
): Promise<void> {
  const rows = await getDb()
    .delete(personalAccessTokens)
    .where(and(eq(personalAccessTokens.id, tokenId), eq(personalAccessTokens.userId, userId)))
    .returning({ description: personalAccessTokens.description });
  accessChanged(getDb());
  if (rows.length === 0) throw new NotFoundError("That token does not exist.");
  await recordAudit({ actorId: userId, action: "token_deleted", target: rows[0]!.description, ip });
}
