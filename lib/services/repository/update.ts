import "server-only";
import { transaction } from "@/db";
import type { Actor } from "@/lib/authz/repository-permissions";
import { setRepositoryVisibility } from "./set-visibility";
import { updateRepositoryDetails } from "./update-details";

/**
 * Changes a repository's details and visibility together (the JSON API's PATCH), in one
 * transaction: a refused visibility change (e.g. past the organization's private quota) must not
 * leave the new description behind, as two separate changes did.
 */
export async function updateRepository(
  actor: Actor,
  path: { namespace: string; name: string },
  change: { details?: { description: string; overview: string }; visibility?: "public" | "private" },
): Promise<void> {
  await transaction(async (tx) => {
    if (change.details) await updateRepositoryDetails(actor, { ...path, ...change.details }, tx);
    if (change.visibility !== undefined) await setRepositoryVisibility(actor, path, change.visibility, tx);
  });
}
