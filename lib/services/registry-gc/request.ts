import "server-only";
import { transaction } from "@/db";
import { registryGcRuns } from "@/db/schema";
import { requireGcStarter } from "@/lib/authz/garbage-collection";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { accessChanged } from "@/lib/data/access-cache";
import { ForbiddenError, GcAlreadyRunningError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";

/**
 * An operator asks for a garbage collection now: a queued run, which the web server of a console
 * that runs the registry claims within a second (lib/jobs/registry-gc.ts). A second request while
 * one is queued or running is refused by the unique index, on every console alike.
 */
export async function requestGarbageCollection(actor: Actor): Promise<{ id: string }> {
  if (actor.kind !== "user") throw new ForbiddenError("Sign in first.");
  requireGcStarter(actor);
  return transaction(async (tx) => {
    const [row] = await tx
      .insert(registryGcRuns)
      .values({ trigger: "manual", requestedById: actor.userId })
      .onConflictDoNothing()
      .returning({ id: registryGcRuns.id });
    if (!row)
      throw new GcAlreadyRunningError("A garbage collection is already queued or running. Wait for it to finish.");
    await recordAudit({ ...auditActor(actor), action: "gc_started", target: row.id }, tx);
    accessChanged(tx);
    return row;
  });
}
