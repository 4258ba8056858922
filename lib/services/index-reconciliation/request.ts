import "server-only";
import { repositoryCan, type Actor } from "@/lib/authz/rules/repository-permissions";
import { viewRepository } from "@/lib/authz/repository-viewer";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";
import { AppError, ForbiddenError, NotFoundError, RegistryApiError } from "@/lib/errors";
import { reconcileIndex, type ReconcileOutcome } from "./reconcile";

/**
 * A person asks to re-read one repository from the registry (tags changed outside the console).
 * Admins of the repository only; the site operator may also rebuild the whole index (scope "*").
 */
export async function requestReconciliation(
  actor: Actor,
  target: { namespace: string; name: string } | "*",
): Promise<Exclude<ReconcileOutcome, { status: "failed" }>> {
  if (actor.kind !== "user") throw new ForbiddenError("Sign in first.");
  let scope = "*";
  if (target === "*") {
    if (!isSiteOperator(actor)) throw new ForbiddenError("Only the site operator can rebuild the whole index.");
  } else {
    const view = await viewRepository(actor, target.namespace, target.name);
    if (!view) throw new NotFoundError("Repository not found");
    if (!repositoryCan(view.role, "rescan")) throw new ForbiddenError("Only admins of this repository can re-scan it.");
    scope = `${view.repo.namespace}/${view.repo.name}`;
  }
  const outcome = await reconcileIndex({ scope, reason: "manual", requestedById: actor.userId });
  if (outcome.status === "failed")
    throw outcome.error instanceof AppError
      ? outcome.error
      : new RegistryApiError(
          "The registry answered in a way the console did not expect; nothing was changed. The details are in the log.",
        );
  return outcome;
}
