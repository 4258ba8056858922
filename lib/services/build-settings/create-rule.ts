import "server-only";
import { transaction } from "@/db";
import { buildRules, repositories } from "@/db/schema";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { MAX_BUILD_RULES } from "@/lib/builds/rules";
import { ValidationError } from "@/lib/errors";
import { countUnderLock } from "@/lib/services/limits/count-under-lock";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import type { BuildRuleInput } from "@/lib/validations/build-settings";
import { ruleLabel } from "./rule-label";

/** Adds a build rule (repository admins; at most 10 per repository, the 11th a field error). */
export async function createBuildRule(
  actor: Actor,
  path: { namespace: string; name: string },
  rule: BuildRuleInput,
): Promise<{ id: string }> {
  const grant = await requireBuildAdmin(actor, path);
  return transaction(async (tx) => {
    const n = await countUnderLock(tx, { table: repositories, id: repositories.id }, grant.repositoryId, {
      table: buildRules,
      parentId: buildRules.repositoryId,
    });
    if (n >= MAX_BUILD_RULES)
      throw new ValidationError(`A repository can have at most ${MAX_BUILD_RULES} build rules. Delete one first.`, {
        sourceName: [`At most ${MAX_BUILD_RULES} build rules per repository`],
      });
    const [row] = await tx
      .insert(buildRules)
      .values({ ...rule, repositoryId: grant.repositoryId, createdById: actor.kind === "user" ? actor.userId : null })
      .returning({ id: buildRules.id });
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "build_rule_added",
        target: grant.path,
        metadata: { rule: ruleLabel(rule), enabled: rule.enabled },
      },
      tx,
    );
    return { id: row!.id };
  });
}
