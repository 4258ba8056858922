import "server-only";
import { getNamespaceStanding } from "@/lib/data/namespaces";
import { getNamespaceStorage, getSiteStorage, type SiteStorage, type StorageFigures } from "@/lib/data/storage";
import { ForbiddenError } from "@/lib/errors";
import { authorizeNamespaceOwnerRead, type OwnedNamespace } from "./rules/namespace-owner";
import { isSiteOperator } from "./rules/site-operator";

type Viewer = { id: string; isAdmin: boolean };

/**
 * A namespace's storage, across all its repositories (private ones included), for those who may
 * read the namespace as a whole: its personal owner, an organization's owners, site operators.
 * (A repository's own figure is for anyone who may see the repository: lib/data/storage.ts.)
 */
export async function namespaceStorageFor(
  viewer: Viewer,
  name: string,
): Promise<{ namespace: OwnedNamespace; storage: StorageFigures }> {
  const namespace = authorizeNamespaceOwnerRead(
    viewer,
    await getNamespaceStanding(viewer.id, name),
    "Only owners of this organization can see its storage.",
  );
  return { namespace, storage: await getNamespaceStorage(namespace.id) };
}

/** The registry's storage as a whole, for site operators only. */
export async function siteStorageFor(viewer: Viewer): Promise<SiteStorage> {
  if (!isSiteOperator(viewer)) throw new ForbiddenError("Only site operators can see the registry's storage.");
  return getSiteStorage();
}
