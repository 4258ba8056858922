import "server-only";
import path from "node:path";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { cacheDirFor, clearBuildCache } from "@/lib/builds/engine";
import { hasRunningBuild } from "@/lib/data/builds";
import { getEnv } from "@/lib/env";
import { ConflictError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";

/**
 * Clears a repository's layer cache (repository admins): the next build starts from nothing. Not
 * while a build of the repository runs (409): it works in that cache.
 */
export async function clearRepositoryBuildCache(actor: Actor, path_: { namespace: string; name: string }) {
  const grant = await requireBuildAdmin(actor, path_);
  if (await hasRunningBuild(grant.repositoryId))
    throw new ConflictError("A build of this repository is running and uses the cache: clear it once the build ends.");
  await clearBuildCache(cacheDirFor(path.join(getEnv().BUILD_DIR, "cache"), grant.repositoryId));
  await recordAudit({
    ...auditActor(actor),
    namespaceId: grant.namespaceId,
    action: "build_cache_cleared",
    target: grant.path,
  });
}
