import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { buildRules, buildSettings } from "@/db/schema";
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
