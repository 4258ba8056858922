import { z } from "zod";
import { pageQuery } from "./page-query";
import { createTokenSchema, TOKEN_SCOPES } from "@/lib/validations/personal-access-token";
import { isoDate } from "./repositories";

export const tokenPathParams = z.object({ id: z.uuid("Not a token id").describe("The token's id, from GET /tokens") });
export const tokenListQuery = z.object({ ...pageQuery });

// The settings page's fields and rules, as JSON.
export const createTokenBody = createTokenSchema.extend({
  scope: createTokenSchema.shape.scope.describe(
    "read, read_write or read_write_delete; at most the scope of the token making the request",
  ),
  expiry: createTokenSchema.shape.expiry.describe('Days until it expires ("30", "60", "90", "365"), or "never"'),
});

export const updateTokenBody = z.object({
  active: z.boolean().describe("false deactivates the token at once; true activates it again"),
});

export const tokenResource = z.object({
  id: z.string(),
  description: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  display_prefix: z.string().describe("The secret's first 8 characters, to recognise it"),
  status: z.enum(["active", "inactive", "expired"]),
  created_at: isoDate,
  last_used_at: isoDate.nullable(),
  expires_at: isoDate.nullable(),
  current: z.boolean().describe("true for the token this request was made with"),
});

export const createdTokenResource = tokenResource.extend({
  secret: z
    .string()
    .describe("The token itself (rcp_…). Only in this answer: the console keeps a hash, not the secret."),
});
