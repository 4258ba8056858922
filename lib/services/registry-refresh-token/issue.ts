import "server-only";
import crypto from "node:crypto";
import { getDb } from "@/db";
import { registryRefreshTokens } from "@/db/schema";
import { sha256 } from "@/lib/security/crypto";

const TTL_DAYS = 90;

/**
 * A refresh token for `docker login`'s offline flow. Bound to the personal access token it was
 * obtained with (if any), so revoking that token also ends every refresh token minted from it.
 */
export async function issueRefreshToken(input: {
  userId: string;
  personalAccessTokenId: string | null;
  clientId: string | null;
  userAgent: string | null;
  ip: string | null;
}): Promise<string> {
  const secret = `rcr_${crypto.randomBytes(30).toString("base64url")}`;
  await getDb()
    .insert(registryRefreshTokens)
    .values({
      userId: input.userId,
      personalAccessTokenId: input.personalAccessTokenId,
      tokenHash: sha256(secret),
      clientId: input.clientId?.slice(0, 100) ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdIp: input.ip,
      lastUsedIp: input.ip,
      expiresAt: new Date(Date.now() + TTL_DAYS * 24 * 3600 * 1000),
    });
  return secret;
}
