import "server-only";
import { getNamespaceStanding } from "@/lib/data/namespaces";
import { getSiteSetting } from "@/lib/data/site-settings";
import {
  getDeletionImpact,
  getNamespaceStorage,
  getSiteStorage,
  type DeletionImpact,
  type SiteStorage,
  type StorageFigures,
} from "@/lib/data/storage";
import { ForbiddenError } from "@/lib/errors";
import { authorizeNamespaceOwnerRead, type OwnedNamespace } from "./rules/namespace-owner";
import { isSiteOperator } from "./rules/site-operator";
import type { Actor } from "./rules/repository-permissions";
import { requireRepositoryRole } from "./require-repository-role";

type Viewer = { id: string; isAdmin: boolean };

/**
 * A namespace's storage, across all its repositories (private ones included), for those who may
 * read the namespace as a whole: its personal owner, an organization's owners, site operators.
 * (A repository's own figure is for anyone who may see the repository: lib/data/storage.ts.)
 */
export async function namespaceStorageFor(
  viewer: Viewer,
  name: string,
): Promise<{ namespace: OwnedNamespace; storage: StorageFigures; quotaBytes: number | null }> {
  const namespace = authorizeNamespaceOwnerRead(
    viewer,
    await getNamespaceStanding(viewer.id, name),
    "Only owners of this organization can see its storage.",
  );
  const [storage, quotaBytes] = await Promise.all([
    getNamespaceStorage(namespace.id),
    getSiteSetting("storage.default_quota_bytes"),
  ]);
  return { namespace, storage, quotaBytes };
}

/** The registry's storage as a whole, for site operators only. */
export async function siteStorageFor(viewer: Viewer): Promise<SiteStorage> {
  if (!isSiteOperator(viewer)) throw new ForbiddenError("Only site operators can see the registry's storage.");
  return getSiteStorage();
}

/**
 * What deleting these tags (null: the whole repository) would free, for those who may delete them:
 * the repository's admins (lib/authz/rules/repository-permissions.ts, deleteTags and
 * deleteRepository). Others get what a delete would tell them: 404 or 403.
 */
export async function deletionImpactFor(
  actor: Actor,
  path: { namespace: string; name: string },
  tags: readonly string[] | null,
): Promise<DeletionImpact> {
  const grant = await requireRepositoryRole(
    actor,
    path,
    "admin",
    tags === null ? "Only admins of this repository can delete it." : "Only admins of this repository can delete tags.",
  );
  return getDeletionImpact({ id: grant.repositoryId, namespaceId: grant.namespaceId }, tags);
}
