import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { buildSettings } from "@/db/schema";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { generateDeployKey } from "@/lib/builds/deploy-key";
import { parseGitUrl } from "@/lib/builds/git-url";
import { ConflictError } from "@/lib/errors";
import { encryptSecret } from "@/lib/security/crypto";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";

/**
 * Generates a new deploy key for an SSH source (repository admins), replacing any credential:
 * the old key stops working once removed from the Git host. Returns the public half; the private
 * half is sealed and never shown.
 */
export async function generateBuildDeployKey(
  actor: Actor,
  path: { namespace: string; name: string },
): Promise<{ publicKey: string }> {
  const grant = await requireBuildAdmin(actor, path);
  return transaction(async (tx) => {
    const [current] = await tx
      .select({ gitUrl: buildSettings.gitUrl })
      .from(buildSettings)
      .where(eq(buildSettings.repositoryId, grant.repositoryId))
      .for("update");
    if (!current) throw new ConflictError("Save the build source first: a deploy key is for an SSH Git URL.");
    const parsed = parseGitUrl(current.gitUrl);
    if ("error" in parsed || parsed.transport !== "ssh")
      throw new ConflictError("A deploy key works over SSH only: change the Git URL to ssh:// or git@host:path first.");
    const key = generateDeployKey(`dockyard-build-${grant.path.replace("/", "-")}`);
    await tx
      .update(buildSettings)
      .set({
        credentialKind: "deploy_key",
        credentialEnc: encryptSecret(key.privateKey, "build-credential"),
        deployPublicKey: key.publicKey,
        updatedById: actor.kind === "user" ? actor.userId : null,
        updatedAt: new Date(),
      })
      .where(eq(buildSettings.repositoryId, grant.repositoryId));
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "build_deploy_key_generated",
        target: grant.path,
        metadata: { fingerprint: key.fingerprint },
      },
      tx,
    );
    return { publicKey: key.publicKey };
  });
}
