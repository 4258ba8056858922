import "server-only";
import { endpoint } from "@/lib/api/endpoint";
import { userResource } from "@/lib/validations/api/user";
import { isoOrNull } from "@/lib/format";

export const getCurrentUser = endpoint({
  operationId: "getCurrentUser",
  method: "GET",
  path: "/user",
  tag: "User",
  summary: "The account the token belongs to, and the token's scope and expiry",
  scope: "read",
  status: 200,
  response: userResource,
  // Authentication already loaded everything this answers (lib/api/authenticate.ts).
  handler: async ({ principal: { user, token } }) => ({
    username: user.username,
    email: user.email,
    display_name: user.displayName,
    two_factor_enabled: user.twoFactorEnabled,
    token: { scope: token.scope, expires_at: isoOrNull(token.expiresAt) },
  }),
});

export const userEndpoints = [getCurrentUser];
