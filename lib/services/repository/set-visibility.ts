import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { repositories } from "@/db/schema";
import { roleAtLeast, type Actor } from "@/lib/authz/repository-permissions";
import { assertPrivateQuota } from "@/lib/authz/registry-access";
import { resolveRepositoryRole } from "@/lib/authz/resolve-role";
import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";

/**
 * Makes a repository public or private. Needs the admin role on it; takes effect on the next
 * registry token (tokens live minutes, and each one is decided afresh). Someone who may not see
 * a private repository gets NotFound, as if it did not exist.
 */
export async function setRepositoryVisibility(actor: Actor, path: { namespace: string; name: string }, visibility: "public" | "private"): Promise<void> {
  const ctx = await getRepositoryAccessContext(path.namespace, path.name);
  if (!ctx.namespace || !ctx.repository) throw new NotFoundError("Repository not found");
  const role = await resolveRepositoryRole(actor, ctx);
  if (!roleAtLeast(role, "admin")) {
    if (ctx.repository.visibility === "private" && !roleAtLeast(role, "read")) throw new NotFoundError("Repository not found");
    throw new ForbiddenError("Only admins of this repository can change its visibility.");
  }
  if (visibility === "private" && ctx.repository.visibility !== "private") await assertPrivateQuota(ctx.namespace.id, ctx.namespace.name);
  if (visibility === ctx.repository.visibility) return;
  const { namespace, repository } = ctx;
  await getDb().transaction(async (tx) => {
    await tx
      .update(repositories)
      .set({ visibility, updatedAt: new Date() })
      .where(and(eq(repositories.id, repository.id), eq(repositories.namespaceId, namespace.id)));
    await recordAudit({ ...auditActor(actor), namespaceId: namespace.id, action: "repository_visibility_changed", target: `${path.namespace}/${path.name}`, metadata: { from: repository.visibility, to: visibility } }, tx);
  });
}
