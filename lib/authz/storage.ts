import "server-only";
import { getNamespaceStanding } from "@/lib/data/namespaces";
import { getNamespaceQuota, type NamespaceQuota } from "@/lib/data/storage-quota";
import {
  getDeletionImpact,
  getNamespaceStorage,
  getSiteStorage,
  type DeletionImpact,
  type SiteStorage,
  type StorageFigures,
} from "@/lib/data/storage";
import {
  listLargestNamespaces,
  listLargestRepositories,
  listSiteSnapshots,
  type NamespaceStorageRow,
  type RepositoryStorageRow,
} from "@/lib/data/storage-admin";
import { ForbiddenError } from "@/lib/errors";
import { STORAGE_ADMIN_PAGE_SIZE, STORAGE_HISTORY_DAYS, type StorageAdminQuery } from "@/lib/validations/storage-admin";
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
): Promise<{ namespace: OwnedNamespace; storage: StorageFigures; quota: NamespaceQuota }> {
  const namespace = authorizeNamespaceOwnerRead(
    viewer,
    await getNamespaceStanding(viewer.id, name),
    "Only owners of this organization can see its storage.",
  );
  const [storage, quota] = await Promise.all([getNamespaceStorage(namespace.id), getNamespaceQuota(namespace.id)]);
  // The namespace was just read: only a deletion in between leaves no quota row (no quota then).
  const q = quota ?? {
    bytes: null,
    source: "site" as const,
    override: { override: false, bytes: null },
    siteDefault: null,
  };
  return { namespace, storage, quota: q };
}

/** Whose storage quota `viewer` may set: any namespace, for site operators only. */
export async function namespaceQuotaManagerFor(viewer: Viewer, name: string): Promise<OwnedNamespace> {
  if (!isSiteOperator(viewer)) throw new ForbiddenError("Only site operators can set a namespace's storage quota.");
  return authorizeNamespaceOwnerRead(viewer, await getNamespaceStanding(viewer.id, name), "");
}

/** The registry's storage as a whole, for site operators only. */
export async function siteStorageFor(viewer: Viewer): Promise<SiteStorage> {
  if (!isSiteOperator(viewer)) throw new ForbiddenError("Only site operators can see the registry's storage.");
  return getSiteStorage();
}

export type StorageOverview = {
  site: SiteStorage;
  namespaces: { items: NamespaceStorageRow[]; total: number };
  repositories: { items: RepositoryStorageRow[]; total: number };
  history: Array<{ day: string; uniqueBytes: number }>;
};

/** Admin → Storage: the site's figures, the largest namespaces and repositories, storage over time. Site operators only. */
export async function storageOverviewFor(viewer: Viewer, q: StorageAdminQuery): Promise<StorageOverview> {
  if (!isSiteOperator(viewer)) throw new ForbiddenError("Only site operators can see the registry's storage.");
  const [site, namespaces, repositories, history] = await Promise.all([
    getSiteStorage(),
    listLargestNamespaces(q.page, STORAGE_ADMIN_PAGE_SIZE),
    listLargestRepositories(q.repo_page, STORAGE_ADMIN_PAGE_SIZE),
    listSiteSnapshots(STORAGE_HISTORY_DAYS),
  ]);
  return { site, namespaces, repositories, history };
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
