import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { buildRules, buildSettings, namespaces, repositories } from "@/db/schema";
import type { BuildCredentialKind } from "@/db/schema/builds";

/** A repository's build source as admins see it: never the credential, only what kind it is. */
export type BuildSource = {
  gitUrl: string;
  credentialKind: BuildCredentialKind;
  deployPublicKey: string | null;
  updatedAt: Date;
};

export type BuildRuleRow = typeof buildRules.$inferSelect;

/**
 * The build source of a repository, or null before an admin saves one (callers have checked the
 * admin role through requireBuildAdmin or the page's viewer).
 */
export async function getBuildSource(repositoryId: string): Promise<BuildSource | null> {
  const [row] = await getDb()
    .select({
      gitUrl: buildSettings.gitUrl,
      credentialKind: buildSettings.credentialKind,
      deployPublicKey: buildSettings.deployPublicKey,
      updatedAt: buildSettings.updatedAt,
    })
    .from(buildSettings)
    .where(eq(buildSettings.repositoryId, repositoryId))
    .limit(1);
  return row ?? null;
}

/** A repository's build rules (at most 10), oldest first: the order they are shown and matched in. */
export function listBuildRules(repositoryId: string): Promise<BuildRuleRow[]> {
  return getDb()
    .select()
    .from(buildRules)
    .where(eq(buildRules.repositoryId, repositoryId))
    .orderBy(asc(buildRules.createdAt), asc(buildRules.id));
}

/** What the build webhook endpoint needs of a repository: ids and the sealed secret (null: no settings yet). */
export type BuildHookTarget = { repositoryId: string; namespaceId: string; webhookSecretEnc: string | null };

/**
 * The repository a build webhook names, by path, with its sealed webhook secret; null when there
 * is no such active repository. No caller check: the secret is the credential
 * (lib/authz/build-hook.ts), and the endpoint answers an unknown repository as a wrong secret.
 */
export async function getBuildHookTarget(namespace: string, name: string): Promise<BuildHookTarget | null> {
  const [row] = await getDb()
    .select({
      repositoryId: repositories.id,
      namespaceId: repositories.namespaceId,
      webhookSecretEnc: buildSettings.webhookSecretEnc,
    })
    .from(repositories)
    .innerJoin(namespaces, eq(namespaces.id, repositories.namespaceId))
    .leftJoin(buildSettings, eq(buildSettings.repositoryId, repositories.id))
    .where(and(eq(namespaces.name, namespace), eq(repositories.name, name), eq(repositories.status, "active")))
    .limit(1);
  return row ?? null;
}
