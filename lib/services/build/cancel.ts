import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { transaction } from "@/db";
import { builds } from "@/db/schema";
import { ACTIVE_BUILD_STATUSES, isActiveBuild } from "@/db/schema/build-records";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { publishBuildNews } from "@/lib/builds/log-feed";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";

/**
 * Cancels a build (repository admins): a queued one ends at once; a running one is flagged, and
 * its worker stops the build's processes within a second (at once on this console process) and
 * ends it "cancelled". A finished build cannot be cancelled (409).
 */
export async function cancelBuild(
  actor: Actor,
  path: { namespace: string; name: string },
  number: number,
): Promise<{ status: "cancelled" | "cancelling" }> {
  const grant = await requireBuildAdmin(actor, path);
  const out = await transaction(async (tx) => {
    const [b] = await tx
      .select({ id: builds.id, status: builds.status })
      .from(builds)
      .where(and(eq(builds.repositoryId, grant.repositoryId), eq(builds.number, number)))
      .for("update");
    if (!b) throw new NotFoundError(`There is no build #${number} of this repository.`);
    if (!isActiveBuild(b.status))
      throw new ConflictError(
        `Build #${number} has already ${b.status === "cancelled" ? "been cancelled" : b.status}.`,
      );
    const queued = b.status === "queued";
    await tx
      .update(builds)
      .set(
        queued
          ? {
              status: "cancelled",
              cancelRequested: true,
              error: "Cancelled before it started.",
              finishedAt: new Date(),
            }
          : { cancelRequested: true },
      )
      .where(and(eq(builds.id, b.id), inArray(builds.status, ACTIVE_BUILD_STATUSES)));
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "build_cancelled",
        target: grant.path,
        metadata: { buildId: b.id, number },
      },
      tx,
    );
    return { id: b.id, status: queued ? ("cancelled" as const) : ("cancelling" as const) };
  });
  publishBuildNews(out.id, out.status === "cancelled" ? { kind: "ended" } : { kind: "cancel" });
  return { status: out.status };
}
