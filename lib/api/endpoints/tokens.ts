import "server-only";
import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginateAll } from "@/lib/api/pagination";
import { listPersonalAccessTokens, type TokenListItem } from "@/lib/data/personal-access-tokens";
import { NotFoundError } from "@/lib/errors";
import { createPersonalAccessToken } from "@/lib/services/personal-access-token/create";
import { deletePersonalAccessToken } from "@/lib/services/personal-access-token/delete";
import { setPersonalAccessTokenActive } from "@/lib/services/personal-access-token/set-active";
import {
  createdTokenResource,
  createTokenBody,
  tokenListQuery,
  tokenPathParams,
  tokenResource,
  updateTokenBody,
} from "@/lib/validations/api/tokens";
import { isoOrNull } from "@/lib/format";

function tokenJson(t: TokenListItem, currentId: string): z.input<typeof tokenResource> {
  return {
    id: t.id,
    description: t.description,
    scope: t.scope,
    display_prefix: t.displayPrefix,
    status: t.status,
    created_at: t.createdAt.toISOString(),
    last_used_at: isoOrNull(t.lastUsedAt),
    expires_at: isoOrNull(t.expiresAt),
    current: t.id === currentId,
  };
}

/** One of the user's tokens as the list shows it (a user has at most 50, so the list read serves). */
async function ownToken(userId: string, id: string): Promise<TokenListItem> {
  const token = (await listPersonalAccessTokens(userId)).find((t) => t.id === id);
  if (!token) throw new NotFoundError("That token does not exist.");
  return token;
}

const ESCALATION =
  "A token cannot create or activate a token with a wider scope than its own (403 INSUFFICIENT_SCOPE): a Read & Write token may create Read-only and Read & Write tokens, not Read, Write & Delete ones.";

export const listTokensEndpoint = endpoint({
  operationId: "listTokens",
  method: "GET",
  path: "/tokens",
  tag: "Tokens",
  summary: "List the user's personal access tokens, newest first (never their secrets)",
  scope: "read",
  query: tokenListQuery,
  status: 200,
  response: pageOf(tokenResource),
  handler: async ({ query, principal, url }) => {
    // At most 50 tokens per user: paged in memory from the same read as the settings page.
    const all = await listPersonalAccessTokens(principal.user.id);
    return paginateAll(
      url,
      query.page,
      query.page_size,
      all.map((t) => tokenJson(t, principal.token.id)),
    );
  },
});

export const createTokenEndpoint = endpoint({
  operationId: "createToken",
  method: "POST",
  path: "/tokens",
  tag: "Tokens",
  summary: "Create a personal access token; the answer holds its secret, shown this once",
  description: `${ESCALATION} The user is notified of every new token, as when one is created on the website.`,
  scope: "write",
  body: createTokenBody,
  status: 201,
  response: createdTokenResource,
  handler: async ({ body, principal, ip }) => {
    const created = await createPersonalAccessToken(principal.user.id, body, ip, { via: principal.token.scope });
    return { ...tokenJson(await ownToken(principal.user.id, created.id), principal.token.id), secret: created.secret };
  },
});

export const updateTokenEndpoint = endpoint({
  operationId: "updateToken",
  method: "PATCH",
  path: "/tokens/{id}",
  tag: "Tokens",
  summary: "Deactivate or activate one of the user's tokens (takes effect on its next request)",
  description: `Deactivating is allowed for any token, the calling one included. ${ESCALATION}`,
  scope: "write",
  params: tokenPathParams,
  body: updateTokenBody,
  status: 200,
  response: tokenResource,
  handler: async ({ params, body, principal, ip }) => {
    await setPersonalAccessTokenActive(principal.user.id, params.id, body.active, ip, { via: principal.token.scope });
    return tokenJson(await ownToken(principal.user.id, params.id), principal.token.id);
  },
});

export const deleteTokenEndpoint = endpoint({
  operationId: "deleteToken",
  method: "DELETE",
  path: "/tokens/{id}",
  tag: "Tokens",
  summary: "Delete one of the user's tokens, the calling one included",
  description:
    "Registry refresh tokens issued from it die with it. Deleting a token that is already gone is a 404 NOT_FOUND.",
  scope: "write",
  params: tokenPathParams,
  status: 204,
  response: null,
  handler: async ({ params, principal, ip }) => {
    await deletePersonalAccessToken(principal.user.id, params.id, ip);
  },
});

export const tokenEndpoints = [listTokensEndpoint, createTokenEndpoint, updateTokenEndpoint, deleteTokenEndpoint];
