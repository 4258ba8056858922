import "server-only";
import { and, eq } from "drizzle-orm";
import { transaction, type Transaction } from "@/db";
import { repositories } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { roleNeededFor, type Actor } from "@/lib/authz/rules/repository-permissions";
import { requireRepositoryRole } from "@/lib/authz/require-repository-role";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { assertPrivateQuota } from "./assert-private-quota";

/**
 * Authorizes a visibility change (admins of the repository; someone who may not see a private
 * repository gets NotFound, as if it did not exist) and returns the write, to run in a transaction,
 * or null when nothing changes. Deciding before the transaction opens keeps every read of the
 * decision off the connection the transaction holds (one connection on the embedded database).
 */
export async function planVisibilityChange(
  actor: Actor,
  path: { namespace: string; name: string },
  visibility: "public" | "private",
): Promise<((tx: Transaction) => Promise<void>) | null> {
  const grant = await requireRepositoryRole(
    actor,
    path,
    roleNeededFor("changeVisibility"),
    "Only admins of this repository can change its visibility.",
  );
  if (visibility === grant.visibility) return null;
  return async (tx) => {
    // The quota check locks the namespace row for the rest of `tx`.
    if (visibility === "private") await assertPrivateQuota(tx, { id: grant.namespaceId, name: path.namespace });
    await tx
      .update(repositories)
      .set({ visibility, updatedAt: new Date() })
      .where(and(eq(repositories.id, grant.repositoryId), eq(repositories.namespaceId, grant.namespaceId)));
    accessChanged(tx);
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "repository_visibility_changed",
        target: grant.path,
        metadata: { from: grant.visibility, to: visibility },
      },
      tx,
    );
  };
}

/** Makes a repository public or private; takes effect on the next registry token (each is decided afresh). */
export async function setRepositoryVisibility(
  actor: Actor,
  path: { namespace: string; name: string },
  visibility: "public" | "private",
): Promise<void> {
  const write = await planVisibilityChange(actor, path, visibility);
  if (write) await transaction(write);
}
