import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { transaction } from "@/db";
import { buildSettings } from "@/db/schema";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { generateDeployKey } from "@/lib/builds/deploy-key";
import { ValidationError } from "@/lib/errors";
import { encryptSecret } from "@/lib/security/crypto";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import type { BuildSourceInput } from "@/lib/validations/build-settings";
import { assertSafeGitUrl } from "./assert-safe-git-url";

export type SavedSource = {
  // The new deploy key's public half, when this save generated one (switching to "deploy key").
  publicKey: string | null;
  // The build webhook's secret, when this save created the settings: shown once.
  webhookSecret: string | null;
};

/**
 * Saves a repository's build source (repository admins). The credential is sealed and never
 * returned: an empty token keeps the stored one; choosing "deploy key" without one generates a
 * key pair and returns its public half; "none" forgets the credential. The first save also
 * generates the build webhook's secret.
 */
export async function saveBuildSource(
  actor: Actor,
  path: { namespace: string; name: string },
  input: BuildSourceInput,
): Promise<SavedSource> {
  const grant = await requireBuildAdmin(actor, path);
  await assertSafeGitUrl(input.gitUrl);
  return transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(buildSettings)
      .where(eq(buildSettings.repositoryId, grant.repositoryId))
      .for("update");
    let credentialEnc: string | null = null;
    let deployPublicKey: string | null = null;
    let publicKey: string | null = null;
    if (input.credentialKind === "token") {
      if (input.accessToken !== "") credentialEnc = encryptSecret(input.accessToken, "build-credential");
      else if (current?.credentialKind === "token") credentialEnc = current.credentialEnc;
      else
        throw new ValidationError("Please correct the highlighted fields.", {
          accessToken: ["Enter the access token"],
        });
    } else if (input.credentialKind === "deploy_key") {
      if (current?.credentialKind === "deploy_key") {
        credentialEnc = current.credentialEnc;
        deployPublicKey = current.deployPublicKey;
      } else {
        const key = generateDeployKey(`dockyard-build-${grant.path.replace("/", "-")}`);
        credentialEnc = encryptSecret(key.privateKey, "build-credential");
        deployPublicKey = publicKey = key.publicKey;
      }
    }
    const webhookSecret = current ? null : crypto.randomBytes(32).toString("base64url");
    const values = {
      gitUrl: input.gitUrl,
      credentialKind: input.credentialKind,
      credentialEnc,
      deployPublicKey,
      updatedById: actor.kind === "user" ? actor.userId : null,
      updatedAt: new Date(),
    };
    if (current) await tx.update(buildSettings).set(values).where(eq(buildSettings.repositoryId, grant.repositoryId));
    else
      await tx.insert(buildSettings).values({
        ...values,
        repositoryId: grant.repositoryId,
        webhookSecretEnc: encryptSecret(webhookSecret!, "build-webhook-secret"),
      });
    await recordAudit(
      {
        ...auditActor(actor),
        namespaceId: grant.namespaceId,
        action: "build_settings_changed",
        target: grant.path,
        metadata: {
          credential: input.credentialKind,
          ...(input.credentialKind === "token" && input.accessToken !== "" ? { tokenReplaced: true } : {}),
          ...(publicKey ? { deployKeyGenerated: true } : {}),
        },
      },
      tx,
    );
    return { publicKey, webhookSecret };
  });
}
