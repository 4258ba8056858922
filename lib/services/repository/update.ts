import "server-only";
import { transaction } from "@/db";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { planVisibilityChange } from "./set-visibility";
import { planDetailsChange } from "./update-details";

/**
 * Changes a repository's details and visibility together (the JSON API's PATCH), in one
 * transaction: a refused visibility change (e.g. past the organization's private quota) must not
 * leave the new description behind, as two separate changes did. Both changes are authorized
 * before the transaction opens, so no read of the decision waits for a second pool connection
 * while the transaction holds one (the embedded database has only one).
 */
export async function updateRepository(
  actor: Actor,
  path: { namespace: string; name: string },
  change: { details?: { description: string; overview: string }; visibility?: "public" | "private" },
): Promise<void> {
  const details = change.details ? await planDetailsChange(actor, { ...path, ...change.details }) : null;
  const visibility =
    change.visibility !== undefined ? await planVisibilityChange(actor, path, change.visibility) : null;
  if (!details && !visibility) return;
  await transaction(async (tx) => {
    if (details) await details(tx);
    if (visibility) await visibility(tx);
  });
}
