import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { transaction } from "@/db";
import { builds } from "@/db/schema";
import { ACTIVE_BUILD_STATUSES } from "@/db/schema/build-records";
import type { BuildStatus } from "@/db/schema/build-records";
import { publishBuildNews } from "@/lib/builds/log-feed";
import { recordAudit } from "@/lib/services/audit-event/record";
import { notify } from "@/lib/services/notification/notify";
import { enqueueWebhookDeliveries } from "@/lib/services/webhook-delivery/enqueue";

export type BuildEnd =
  | { status: "succeeded"; digest: string; imageTag: string; commit: string }
  | { status: "failed" | "cancelled"; error: string };

type Finishing = {
  id: string;
  number: number;
  repositoryId: string;
  namespaceId: string;
  repository: string;
  ref: string;
  commit: string | null;
  imageTag: string | null;
  notifyUserId: string | null;
  actor: string | null;
};

/**
 * Ends a build that is still running, once: its status, the push credential forgotten, and in
 * the same transaction the `build_succeeded`/`build_failed` webhooks, the "Builds" notification
 * of whoever started it, and for a pushed image an audit entry. Returns false when the build had
 * already ended (a cancel or an interrupted mark came first).
 */
export async function finishBuild(b: Finishing, end: BuildEnd, logTruncated: boolean): Promise<boolean> {
  const at = new Date();
  const ok = await transaction(async (tx) => {
    const [row] = await tx
      .update(builds)
      .set({
        status: end.status as BuildStatus,
        finishedAt: at,
        pushSecretHash: null,
        logTruncated,
        ...(end.status === "succeeded"
          ? { digest: end.digest, imageTag: end.imageTag, commit: end.commit, error: null }
          : { error: end.error }),
      })
      .where(and(eq(builds.id, b.id), inArray(builds.status, ACTIVE_BUILD_STATUSES)))
      .returning({ id: builds.id });
    if (!row) return false;
    const tag = end.status === "succeeded" ? end.imageTag : b.imageTag;
    if (end.status !== "cancelled")
      await enqueueWebhookDeliveries(tx, [
        {
          repositoryId: b.repositoryId,
          event: end.status === "succeeded" ? "build_succeeded" : "build_failed",
          tag,
          digest: end.status === "succeeded" ? end.digest : null,
          at,
          actor: b.actor,
          build: {
            number: b.number,
            status: end.status,
            ref: b.ref,
            commit: end.status === "succeeded" ? end.commit : b.commit,
            error: end.status === "succeeded" ? null : end.error,
          },
        },
      ]);
    if (b.notifyUserId && end.status !== "cancelled")
      await notify(tx, [
        {
          userId: b.notifyUserId,
          kind: "build_finished",
          title:
            end.status === "succeeded"
              ? `Build #${b.number} of ${b.repository} succeeded`
              : `Build #${b.number} of ${b.repository} failed`,
          body:
            end.status === "succeeded"
              ? `${b.ref} was built and pushed as ${b.repository}:${end.imageTag}.`
              : `${b.ref}: ${end.error}`,
          link: `/r/${b.repository}/builds/${b.number}`,
        },
      ]);
    if (end.status === "succeeded")
      await recordAudit(
        {
          actorId: null,
          namespaceId: b.namespaceId,
          action: "build_pushed",
          target: `${b.repository}:${end.imageTag}`,
          metadata: { buildId: b.id, number: b.number, digest: end.digest, commit: end.commit },
        },
        tx,
      );
    return true;
  });
  publishBuildNews(b.id, { kind: "ended" });
  return ok;
}
