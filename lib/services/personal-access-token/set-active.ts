import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { personalAccessTokens, type TokenScope } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit-event/record";
import { assertScopeWithin } from "./assert-scope-within";

/**
 * Deactivates or re-activates one of the caller's own tokens; takes effect on the next request.
 * `opts.via`: the scope of the token the request came with (the JSON API). Re-activating a more
 * powerful token is refused like creating one; deactivating any token is always allowed.
 */
export async function setPersonalAccessTokenActive(
  userId: string,
  tokenId: string,
  active: boolean,
  ip: string | null = null,
  opts: { via?: TokenScope } = {},
): Promise<void> {
  const mine = and(eq(personalAccessTokens.id, tokenId), eq(personalAccessTokens.userId, userId));
  if (active && opts.via) {
    // A token's scope never changes, so reading it before the update leaves no gap to exploit.
    const [target] = await getDb()
      .select({ scope: personalAccessTokens.scope })
      .from(personalAccessTokens)
      .where(mine)
      .limit(1);
    if (!target) throw new NotFoundError("That token does not exist.");
    assertScopeWithin(opts.via, target.scope, "activate");
  }
  const rows = await getDb()
    .update(personalAccessTokens)
    .set({ deactivatedAt: active ? null : new Date() })
    .where(mine)
    .returning({ description: personalAccessTokens.description });
  accessChanged(getDb());
  if (rows.length === 0) throw new NotFoundError("That token does not exist.");
  await recordAudit({
    actorId: userId,
    action: active ? "token_activated" : "token_deactivated",
    target: rows[0]!.description,
    ip,
  });
}
