import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { namespaces, repositories } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { ValidationError } from "@/lib/errors";
import { purgeRepository } from "@/lib/services/repository/purge";
import { verifyOwnPassword } from "@/lib/services/user/verify-own-password";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { enqueueWebhookDeliveries } from "@/lib/services/webhook-delivery/enqueue";
import { actorName } from "@/lib/services/user/actor-name";
import { recordAudit } from "@/lib/services/audit-event/record";

/**
 * Deletes an organization and everything in it: first every repository is marked `deleting` (so
 * nothing can be pulled or pushed any more), then each is removed from the registry, then the
 * organization's rows go (teams, members, invitations cascade). If the registry fails midway, the
 * organization stays with its remaining repositories marked deleting, and running this again
 * finishes the job. `passwordField` names the field a wrong password is reported on (the form's
 * `currentPassword` by default; the API body's `password`).
 */
export async function deleteOrganization(input: {
  org: string;
  actorId: string;
  confirmation: string;
  currentPassword: string;
  passwordField?: string;
  ip?: string | null;
}): Promise<void> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  if (input.confirmation.trim().toLowerCase() !== m.name)
    throw new ValidationError("Please correct the highlighted fields.", {
      confirmation: [`Type ${m.name} to confirm`],
    });
  await verifyOwnPassword(input.actorId, input.currentPassword, input.passwordField);
  const db = getDb();
  await transaction(async (tx) => {
    const marked = await tx
      .update(repositories)
      .set({ status: "deleting", updatedAt: new Date() })
      .where(and(eq(repositories.namespaceId, m.organizationId), eq(repositories.status, "active")))
      .returning({ id: repositories.id });
    accessChanged(tx);
    const by = await actorName(tx, input.actorId);
    return enqueueWebhookDeliveries(
      tx,
      marked.map((r) => ({
        repositoryId: r.id,
        event: "repository_deleted" as const,
        tag: null,
        digest: null,
        at: new Date(),
        actor: by,
      })),
    );
  });
  const repos = await db
    .select({ id: repositories.id, name: repositories.name })
    .from(repositories)
    .where(eq(repositories.namespaceId, m.organizationId));
  for (const r of repos) await purgeRepository({ id: r.id, path: `${m.name}/${r.name}` });
  await transaction(async (tx) => {
    await tx.delete(namespaces).where(eq(namespaces.id, m.organizationId));
    accessChanged(tx);
    await recordAudit({ actorId: input.actorId, action: "organization_deleted", target: m.name, ip: input.ip }, tx);
  });
}
