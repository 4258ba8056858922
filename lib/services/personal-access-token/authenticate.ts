import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { personalAccessTokens, users, type TokenScope } from "@/db/schema";
import { sha256 } from "@/lib/security/crypto";
import { cachedAccess, updateCachedAccess } from "@/lib/data/access-cache";
import { TOKEN_PREFIX } from "./create";

export type TokenPrincipal = {
  user: {
    id: string;
    username: string;
    email: string;
    isAdmin: boolean;
    displayName: string | null;
    twoFactorEnabled: boolean;
  };
  token: { id: string; scope: TokenScope; expiresAt: Date | null };
};

export type TokenCheck =
  | { ok: true; principal: TokenPrincipal }
  | { ok: false; reason: "unknown" | "inactive" | "expired" | "account_deactivated"; userId: string | null };

export function looksLikeToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && value.length === TOKEN_PREFIX.length + 40;
}

// Prepared once: every registry login and API call looks a token up (see getRepositoryAccessContext).
let byHashQuery: ReturnType<typeof prepareByHashQuery> | undefined;
function prepareByHashQuery() {
  return getDb()
    .select({ token: personalAccessTokens, user: users })
    .from(personalAccessTokens)
    .innerJoin(users, eq(users.id, personalAccessTokens.userId))
    .where(eq(personalAccessTokens.tokenHash, sql.placeholder("hash")))
    .limit(1)
    .prepare("personal_access_token_by_hash");
}

/**
 * Resolves a token secret to its owner and checks its status on every call. The row comes from
 * the access cache (lib/data/access-cache.ts), which every change to tokens or accounts empties,
 * so a deactivated or deleted token fails on the next request; expiry is checked against the
 * clock each time. Records `last_used_at` at most once a minute per token, so hot CI loops do not
 * write on every request.
 */
export async function authenticatePersonalAccessToken(secret: string): Promise<TokenCheck> {
  if (!looksLikeToken(secret)) return { ok: false, reason: "unknown", userId: null };
  const hash = sha256(secret);
  const key = `pat:${hash}`;
  const row = await cachedAccess(key, async () => {
    byHashQuery ??= prepareByHashQuery();
    const [found] = await byHashQuery.execute({ hash });
    return found; // unknown secrets are not cached (undefined)
  });
  if (!row) return { ok: false, reason: "unknown", userId: null };
  const { token, user } = row;
  if (user.deactivatedAt) return { ok: false, reason: "account_deactivated", userId: user.id };
  if (token.deactivatedAt) return { ok: false, reason: "inactive", userId: user.id };
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now())
    return { ok: false, reason: "expired", userId: user.id };
  // The row just read says whether a write is due, so the hot path (a token used again within the
  // minute) costs no second round trip; the guarded UPDATE keeps concurrent requests to one write.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() >= 60_000) {
    await getDb()
      .update(personalAccessTokens)
      .set({ lastUsedAt: new Date() })
      .where(
        and(
          eq(personalAccessTokens.id, token.id),
          or(
            isNull(personalAccessTokens.lastUsedAt),
            lt(personalAccessTokens.lastUsedAt, sql`now() - interval '1 minute'`),
          ),
        ),
      );
    updateCachedAccess<typeof row>(key, (r) => ({ ...r, token: { ...r.token, lastUsedAt: new Date() } }));
  }
  return {
    ok: true,
    principal: {
      user: {
        id: user.id,
        username: user.username,
        email: user.email,
        isAdmin: user.isAdmin,
        displayName: user.displayName,
        twoFactorEnabled: user.totpEnabledAt !== null,
      },
      token: { id: token.id, scope: token.scope, expiresAt: token.expiresAt },
    },
  };
}
