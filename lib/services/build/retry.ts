import "server-only";
import { and, eq } from "drizzle-orm";
import { transaction } from "@/db";
import { builds } from "@/db/schema";
import { isFinishedBuild } from "@/db/schema/build-records";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { assertBuildsEnabled, buildSourceUrl, queueBuild } from "./queue";

/**
 * Builds a finished build again (repository admins): the same commit (when it got that far), ref
 * and recipe (the rule as it was), as a new build numbered next, from the current Git source and
 * credential. A build still running cannot be retried (409).
 */
export async function retryBuild(
  actor: Actor,
  path: { namespace: string; name: string },
  number: number,
): Promise<{ id: string; number: number }> {
  const grant = await requireBuildAdmin(actor, path);
  await assertBuildsEnabled();
  return transaction(async (tx) => {
    const gitUrl = await buildSourceUrl(tx, grant.repositoryId);
    const [old] = await tx
      .select()
      .from(builds)
      .where(and(eq(builds.repositoryId, grant.repositoryId), eq(builds.number, number)));
    if (!old) throw new NotFoundError(`There is no build #${number} of this repository.`);
    if (!isFinishedBuild(old.status))
      throw new ConflictError(`Build #${number} is still ${old.status}: cancel it or wait for it to finish.`);
    const row = await queueBuild(tx, {
      repositoryId: grant.repositoryId,
      ruleId: old.ruleId,
      recipe: { ...old.recipe, gitUrl },
      trigger: "retry",
      retryOfId: old.id,
      startedById: actor.kind === "user" ? actor.userId : null,
      ref: old.ref,
      commit: old.commit,
    });
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "build_started",
        target: grant.path,
        metadata: { buildId: row.id, number: row.number, ref: old.ref, retryOf: number },
      },
      tx,
    );
    return row;
  });
}
