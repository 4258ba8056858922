import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { buildSettings } from "@/db/schema";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { ConflictError } from "@/lib/errors";
import { encryptSecret } from "@/lib/security/crypto";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";

/**
 * Replaces the build webhook's secret (repository admins) and returns the new one, shown once:
 * calls signed with the old secret are refused from the commit on, so the Git host's webhook
 * must be given the new one. Generated as the first save generates it (save-source.ts).
 */
export async function rotateBuildWebhookSecret(
  actor: Actor,
  path: { namespace: string; name: string },
): Promise<{ webhookSecret: string }> {
  const grant = await requireBuildAdmin(actor, path);
  return transaction(async (tx) => {
    const webhookSecret = crypto.randomBytes(32).toString("base64url");
    const rows = await tx
      .update(buildSettings)
      .set({
        webhookSecretEnc: encryptSecret(webhookSecret, "build-webhook-secret"),
        updatedById: actor.kind === "user" ? actor.userId : null,
        updatedAt: new Date(),
      })
      .where(eq(buildSettings.repositoryId, grant.repositoryId))
      .returning({ id: buildSettings.repositoryId });
    if (rows.length === 0) throw new ConflictError("Save the build source first: the webhook secret comes with it.");
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "build_webhook_secret_rotated",
        target: grant.path,
      },
      tx,
    );
    return { webhookSecret };
  });
}
