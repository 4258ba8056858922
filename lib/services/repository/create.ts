import "server-only";
import { transaction } from "@/db";
import { repositories } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { mayCreateRepositoryIn } from "@/lib/authz/resolve-role";
import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { assertPrivateQuota } from "./assert-private-quota";

/**
 * Creates an empty repository in a namespace the actor may create in (their own, or an
 * organization they own), respecting the organization's private-repository quota.
 */
export async function createRepository(
  actor: Actor,
  input: { namespace: string; name: string; description: string; visibility: "public" | "private" },
): Promise<{ path: string }> {
  const ctx = await getRepositoryAccessContext(input.namespace, input.name);
  if (!ctx.namespace)
    throw new ValidationError("Please correct the highlighted fields.", {
      namespace: ["Choose one of your namespaces"],
    });
  // The right to create comes first: "already exists" would tell anyone a private repository is there.
  if (!(await mayCreateRepositoryIn(actor, ctx)))
    throw new ForbiddenError(`You cannot create repositories in ${input.namespace}.`);
  if (ctx.repository)
    throw new ValidationError("Please correct the highlighted fields.", {
      name: [`${input.namespace}/${input.name} already exists`],
    });
  const namespace = ctx.namespace;
  await transaction(async (tx) => {
    if (input.visibility === "private") await assertPrivateQuota(tx, namespace);
    const inserted = await tx
      .insert(repositories)
      .values({
        namespaceId: namespace.id,
        name: input.name,
        visibility: input.visibility,
        description: input.description,
        createdById: actor.kind === "user" ? actor.userId : null,
      })
      .onConflictDoNothing({ target: [repositories.namespaceId, repositories.name] })
      .returning({ id: repositories.id });
    accessChanged(tx);
    if (inserted.length === 0)
      throw new ValidationError("Please correct the highlighted fields.", {
        name: [`${input.namespace}/${input.name} already exists`],
      });
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: namespace.id,
        action: "repository_created",
        target: `${input.namespace}/${input.name}`,
        metadata: { visibility: input.visibility },
      },
      tx,
    );
  });
  return { path: `${input.namespace}/${input.name}` };
}
