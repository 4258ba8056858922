import "server-only";
import { transaction } from "@/db";
import { immutableTagRules, namespaces } from "@/db/schema";
import { immutableRulesManagerFor } from "@/lib/authz/immutable-tag-rules";
import { MAX_IMMUTABLE_RULES } from "@/lib/authz/rules/immutable-tags";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { accessChanged } from "@/lib/data/access-cache";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { countUnderLock } from "@/lib/services/limits/count-under-lock";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import type { ImmutableTagRuleInput } from "@/lib/validations/immutable-tag-rule";

/**
 * Adds an immutable tag rule to a namespace (its owners and site operators; at most 15 each). It
 * applies to the next push: the door's cache is emptied on commit, here and on every console.
 */
export async function createImmutableTagRule(actor: Actor, input: ImmutableTagRuleInput): Promise<{ id: string }> {
  if (actor.kind !== "user") throw new ForbiddenError("Sign in to manage immutable tag rules.");
  const ns = await immutableRulesManagerFor({ id: actor.userId, isAdmin: actor.isAdmin }, input.namespace);
  return transaction(async (tx) => {
    const n = await countUnderLock(tx, { table: namespaces, id: namespaces.id }, ns.id, {
      table: immutableTagRules,
      parentId: immutableTagRules.namespaceId,
    });
    if (n >= MAX_IMMUTABLE_RULES)
      throw new ValidationError("Please correct the highlighted fields.", {
        repositoryPattern: [`A namespace can have at most ${MAX_IMMUTABLE_RULES} rules. Delete one first.`],
      });
    const [row] = await tx
      .insert(immutableTagRules)
      .values({
        namespaceId: ns.id,
        repositoryPattern: input.repositoryPattern,
        tagPattern: input.tagPattern,
        createdById: actor.userId,
      })
      .returning({ id: immutableTagRules.id });
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: ns.id,
        action: "immutable_rule_added",
        target: ns.name,
        metadata: { repositories: input.repositoryPattern, tags: input.tagPattern },
      },
      tx,
    );
    accessChanged(tx);
    return { id: row!.id };
  });
}
