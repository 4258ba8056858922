import "server-only";
import { transaction } from "@/db";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { matchSource } from "@/lib/builds/rules";
import { ValidationError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { findBuildRule } from "@/lib/services/build-settings/find-rule";
import type { StartBuildInput } from "@/lib/validations/build";
import { assertBuildsEnabled, buildSourceUrl, queueBuild, recipeOf } from "./queue";

/**
 * "Build now" on a rule (repository admins), Docker Hub's "Trigger": builds the rule's branch or
 * tag, or the named one, which must be one the rule matches. A rule switched off still builds by
 * hand (the switch stops automatic builds); its template is checked when the commit is known.
 */
export async function startBuild(
  actor: Actor,
  path: { namespace: string; name: string },
  input: StartBuildInput,
): Promise<{ id: string; number: number }> {
  const grant = await requireBuildAdmin(actor, path);
  await assertBuildsEnabled();
  return transaction(async (tx) => {
    const gitUrl = await buildSourceUrl(tx, grant.repositoryId);
    const rule = await findBuildRule(tx, grant.repositoryId, input.ruleId);
    const ref = input.ref || (rule.sourceRegex ? "" : rule.sourceName);
    if (!ref)
      throw new ValidationError(`This rule's ${rule.sourceType} is a pattern: name the ${rule.sourceType} to build.`, {
        ref: [`Name a ${rule.sourceType} the pattern matches`],
      });
    if (!matchSource(rule, ref))
      throw new ValidationError(`The rule does not build the ${rule.sourceType} "${ref}".`, {
        ref: [
          rule.sourceRegex
            ? `The rule's pattern ${rule.sourceName} does not match "${ref}"`
            : `The rule builds ${rule.sourceType} "${rule.sourceName}" only`,
        ],
      });
    const build = await queueBuild(tx, {
      repositoryId: grant.repositoryId,
      ruleId: rule.id,
      recipe: recipeOf(rule, gitUrl),
      trigger: "manual",
      startedById: actor.kind === "user" ? actor.userId : null,
      ref,
    });
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "build_started",
        target: `${path.namespace}/${path.name}`,
        metadata: { buildId: build.id, number: build.number, ref },
      },
      tx,
    );
    return build;
  });
}
