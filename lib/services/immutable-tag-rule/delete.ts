import "server-only";
import { and, eq } from "drizzle-orm";
import { transaction } from "@/db";
import { immutableTagRules } from "@/db/schema";
import { immutableRulesManagerFor } from "@/lib/authz/immutable-tag-rules";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { accessChanged } from "@/lib/data/access-cache";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";

/** Deletes one of a namespace's immutable tag rules (its owners and site operators). */
export async function deleteImmutableTagRule(
  actor: Actor,
  input: { namespace: string; ruleId: string },
): Promise<void> {
  if (actor.kind !== "user") throw new ForbiddenError("Sign in to manage immutable tag rules.");
  const ns = await immutableRulesManagerFor({ id: actor.userId, isAdmin: actor.isAdmin }, input.namespace);
  await transaction(async (tx) => {
    const [gone] = await tx
      .delete(immutableTagRules)
      .where(and(eq(immutableTagRules.id, input.ruleId), eq(immutableTagRules.namespaceId, ns.id)))
      .returning({ repositoryPattern: immutableTagRules.repositoryPattern, tagPattern: immutableTagRules.tagPattern });
    if (!gone) throw new NotFoundError("No such rule");
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: ns.id,
        action: "immutable_rule_deleted",
        target: ns.name,
        metadata: { repositories: gone.repositoryPattern, tags: gone.tagPattern },
      },
      tx,
    );
    accessChanged(tx);
  });
}
