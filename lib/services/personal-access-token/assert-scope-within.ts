import type { TokenScope } from "@/db/schema";
import { tokenScopeCovers } from "@/lib/authz/rules/repository-permissions";
import { InsufficientScopeError } from "@/lib/errors";
import { SCOPE_LABELS } from "@/lib/validations/personal-access-token";

/**
 * A request made with a personal access token (the JSON API) may not create or re-activate a
 * token that can do more than the token it came with: otherwise a leaked Read-only CI token
 * would be a way to a Read, Write & Delete one. `via` is undefined for the website, where the
 * signed-in user (password, and 2FA when enabled) may choose any scope.
 */
export function assertScopeWithin(via: TokenScope | undefined, scope: TokenScope, verb: "create" | "activate"): void {
  if (!via || tokenScopeCovers(via, scope)) return;
  throw new InsufficientScopeError(
    `This token is ${SCOPE_LABELS[via]}; it cannot ${verb} a ${SCOPE_LABELS[scope]} token, which could do more than itself. Use a token with at least that scope, or the website.`,
    {
      required: scope,
      token: via,
    },
  );
}
