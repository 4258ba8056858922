import "server-only";
import crypto from "node:crypto";
import { count, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { personalAccessTokens, type TokenScope } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { sha256 } from "@/lib/security/crypto";
import { ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { UNKNOWN_IP } from "@/lib/http/client-ip";
import { SCOPE_LABELS, type CreateTokenInput } from "@/lib/validations/personal-access-token";
import { recordAudit } from "@/lib/services/audit-event/record";
import { notify } from "@/lib/services/notification/notify";
import { assertScopeWithin } from "./assert-scope-within";

export const TOKEN_PREFIX = "rcp_";
const MAX_TOKENS = 50;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `rcp_` + 40 base62 characters (~238 bits): recognisable by secret scanners, unguessable. */
function newSecret(): string {
  const out: string[] = [];
  while (out.length < 40) {
    for (const b of crypto.randomBytes(48)) {
      // Rejection sampling keeps every character equally likely.
      if (b < 248 && out.length < 40) out.push(BASE62[b % 62]!);
    }
  }
  return TOKEN_PREFIX + out.join("");
}

export type CreatedToken = {
  id: string;
  secret: string;
  description: string;
  scope: CreateTokenInput["scope"];
  expiresAt: Date | null;
};

/**
 * Creates a token for `userId`; the secret is returned once and only its hash is stored.
 * `opts.via`: the scope of the token the request came with (the JSON API), which the new one may not exceed.
 */
export async function createPersonalAccessToken(
  userId: string,
  input: CreateTokenInput,
  ip: string | null = null,
  opts: { via?: TokenScope } = {},
): Promise<CreatedToken> {
  assertScopeWithin(opts.via, input.scope, "create");
  const db = getDb();
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(personalAccessTokens)
    .where(eq(personalAccessTokens.userId, userId));
  if (n >= MAX_TOKENS)
    throw new ValidationError(`You already have ${MAX_TOKENS} tokens. Delete one you no longer use first.`);
  const secret = newSecret();
  const expiresAt = input.expiry === "never" ? null : new Date(Date.now() + Number(input.expiry) * 24 * 3600 * 1000);
  // The token, its audit entry and the owner's notice commit together: no token nobody was told about.
  const id = await transaction(async (tx) => {
    const [row] = await tx
      .insert(personalAccessTokens)
      .values({
        userId,
        description: input.description,
        scope: input.scope,
        displayPrefix: secret.slice(0, 8),
        tokenHash: sha256(secret),
        expiresAt,
      })
      .returning({ id: personalAccessTokens.id });
    accessChanged(tx);
    await recordAudit(
      { actorId: userId, action: "token_created", target: input.description, metadata: { scope: input.scope }, ip },
      tx,
    );
    await notify(tx, [
      {
        userId,
        kind: "token_created",
        title: `Access token "${input.description}" created`,
        body: `A personal access token "${input.description}" (${SCOPE_LABELS[input.scope]}, ${expiresAt ? `expires ${formatDate(expiresAt)}` : "never expires"}) was created on your account${ip && ip !== UNKNOWN_IP ? ` from ${ip}` : ""}. If this wasn't you, delete it and change your password.`,
        link: "/settings/tokens",
      },
    ]);
    return row!.id;
  });
  return { id, secret, description: input.description, scope: input.scope, expiresAt };
}
