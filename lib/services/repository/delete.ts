import "server-only";
import { and, eq } from "drizzle-orm";
import { transaction } from "@/db";
import { repositories } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { repositoryCan, type Actor } from "@/lib/authz/rules/repository-permissions";
import { resolveRepositoryRole } from "@/lib/authz/resolve-role";
import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { purgeRepository } from "./purge";
import { enqueueWebhookDeliveries } from "@/lib/services/webhook-delivery/enqueue";
import { actorName } from "@/lib/services/user/actor-name";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";

/**
 * Deletes a repository for real: marked `deleting` first (nothing can be pulled or pushed from
 * then on), then every manifest is removed from the registry, then the row. If the registry fails
 * midway the error reaches the caller and the repository stays `deleting`; calling again resumes.
 */
export async function deleteRepository(
  actor: Actor,
  input: { namespace: string; name: string; confirmation: string },
): Promise<void> {
  const ctx = await getRepositoryAccessContext(input.namespace, input.name);
  if (!ctx.namespace || !ctx.repository) throw new NotFoundError("Repository not found");
  const role = await resolveRepositoryRole(actor, ctx);
  if (!repositoryCan(role, "deleteRepository")) {
    if (ctx.repository.visibility === "private" && !repositoryCan(role, "view"))
      throw new NotFoundError("Repository not found");
    throw new ForbiddenError("Only admins of this repository can delete it.");
  }
  const path = `${input.namespace}/${input.name}`;
  if (input.confirmation.trim() !== path)
    throw new ValidationError("Please correct the highlighted fields.", { confirmation: [`Type ${path} to confirm`] });
  const actorId = actor.kind === "user" ? actor.userId : null;
  const { namespace, repository } = ctx;
  await transaction(async (tx) => {
    const marked = await tx
      .update(repositories)
      .set({ status: "deleting", updatedAt: new Date() })
      .where(and(eq(repositories.id, repository.id), eq(repositories.status, "active")))
      .returning({ id: repositories.id });
    accessChanged(tx);
    // A retry of an interrupted deletion announces nothing twice.
    if (marked.length === 0) return 0;
    await recordAudit(
      { ...auditActor(actor), namespaceId: namespace.id, action: "repository_deleted", target: path },
      tx,
    );
    return enqueueWebhookDeliveries(tx, [
      {
        repositoryId: repository.id,
        event: "repository_deleted",
        tag: null,
        digest: null,
        at: new Date(),
        actor: await actorName(tx, actorId),
      },
    ]);
  });
  await purgeRepository({ id: repository.id, path });
}
