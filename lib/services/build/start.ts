import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { buildSettings } from "@/db/schema";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { matchSource } from "@/lib/builds/rules";
import { getSiteSetting } from "@/lib/data/site-settings";
import { ConflictError, ValidationError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { findBuildRule } from "@/lib/services/build-settings/find-rule";
import type { StartBuildInput } from "@/lib/validations/build";
import { queueBuild, recipeOf } from "./queue";

export const BUILDS_DISABLED =
  "Builds are not enabled on this site. A site operator can turn them on in Admin → Site settings.";

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
  if (!(await getSiteSetting("builds.enabled"))) throw new ConflictError(BUILDS_DISABLED);
  return transaction(async (tx) => {
    const [source] = await tx
      .select({ gitUrl: buildSettings.gitUrl })
      .from(buildSettings)
      .where(eq(buildSettings.repositoryId, grant.repositoryId));
    if (!source) throw new ValidationError("Save the build source (a Git URL) first.");
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
      recipe: recipeOf(rule, source.gitUrl),
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
