import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { personalAccessTokens } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit-event/record";

/** Deactivates or re-activates one of the caller's own tokens; takes effect on the next request. */
export async function setPersonalAccessTokenActive(userId: string, tokenId: string, active: boolean, ip: string | null = null): Promise<void> {
  const rows = await getDb()
    .update(personalAccessTokens)
    .set({ deactivatedAt: active ? null : new Date() })
    .where(and(eq(personalAccessTokens.id, tokenId), eq(personalAccessTokens.userId, userId)))
    .returning({ description: personalAccessTokens.description });
  if (rows.length === 0) throw new NotFoundError("That token does not exist.");
  await recordAudit({ actorId: userId, action: active ? "token_activated" : "token_deactivated", target: rows[0]!.description, ip });
}
