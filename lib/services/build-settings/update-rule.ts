import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { buildRules } from "@/db/schema";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import type { BuildRuleInput } from "@/lib/validations/build-settings";
import { findBuildRule } from "./find-rule";
import { ruleLabel } from "./rule-label";

/** Replaces a build rule's fields (repository admins); the input is the whole, validated rule. */
export async function updateBuildRule(
  actor: Actor,
  path: { namespace: string; name: string },
  ruleId: string,
  rule: BuildRuleInput,
): Promise<void> {
  const grant = await requireBuildAdmin(actor, path);
  await transaction(async (tx) => {
    const before = await findBuildRule(tx, grant.repositoryId, ruleId);
    await tx
      .update(buildRules)
      .set({ ...rule, updatedAt: new Date() })
      .where(eq(buildRules.id, before.id));
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "build_rule_updated",
        target: grant.path,
        metadata: { rule: ruleLabel(rule), was: ruleLabel(before), enabled: rule.enabled },
      },
      tx,
    );
  });
}
