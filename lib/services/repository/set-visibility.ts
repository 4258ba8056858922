import "server-only";
import { and, eq } from "drizzle-orm";
import { transaction, type Transaction } from "@/db";
import { repositories } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import type { Actor } from "@/lib/authz/repository-permissions";
import { requireRepositoryRole } from "@/lib/authz/require-repository-role";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { assertPrivateQuota } from "./assert-private-quota";

/**
 * Makes a repository public or private. Needs the admin role on it; takes effect on the next
 * registry token (tokens live minutes, and each one is decided afresh). Someone who may not see
 * a private repository gets NotFound, as if it did not exist. With `tx`, the change (and the quota
 * check's namespace lock) is part of the caller's transaction (update.ts); without, its own.
 */
export async function setRepositoryVisibility(actor: Actor, path: { namespace: string; name: string }, visibility: "public" | "private", tx?: Transaction): Promise<void> {
  const grant = await requireRepositoryRole(actor, path, "admin", "Only admins of this repository can change its visibility.");
  if (visibility === grant.visibility) return;
  const change = async (t: Transaction) => {
    if (visibility === "private") await assertPrivateQuota(t, { id: grant.namespaceId, name: path.namespace });
    await t
      .update(repositories)
      .set({ visibility, updatedAt: new Date() })
      .where(and(eq(repositories.id, grant.repositoryId), eq(repositories.namespaceId, grant.namespaceId)));
    accessChanged(t);
    await recordAudit({ ...auditActor(actor), namespaceId: grant.namespaceId, action: "repository_visibility_changed", target: grant.path, metadata: { from: grant.visibility, to: visibility } }, t);
  };
  await (tx ? change(tx) : transaction(change));
}
