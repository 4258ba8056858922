import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { buildRules } from "@/db/schema";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { findBuildRule } from "./find-rule";
import { ruleLabel } from "./rule-label";

/** Deletes a build rule (repository admins). */
export async function deleteBuildRule(
  actor: Actor,
  path: { namespace: string; name: string },
  ruleId: string,
): Promise<void> {
  const grant = await requireBuildAdmin(actor, path);
  await transaction(async (tx) => {
    const rule = await findBuildRule(tx, grant.repositoryId, ruleId);
    await tx.delete(buildRules).where(eq(buildRules.id, rule.id));
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "build_rule_deleted",
        target: grant.path,
        metadata: { rule: ruleLabel(rule) },
      },
      tx,
    );
  });
}
