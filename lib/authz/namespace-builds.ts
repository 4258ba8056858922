import "server-only";
import { getNamespaceStanding } from "@/lib/data/namespaces";
import { authorizeNamespaceOwnerRead, type OwnedNamespace } from "./rules/namespace-owner";

type Viewer = { id: string; isAdmin: boolean };

/**
 * Who may read a namespace's recent builds across all its repositories: its personal owner, an
 * organization's owners, site operators (as tag retention). A build's record names private
 * repositories, refs and commits, so plain members of an organization see the builds of the
 * repositories they administer on each repository's Builds tab instead.
 */
export async function namespaceBuildsViewerFor(viewer: Viewer, namespace: string): Promise<OwnedNamespace> {
  return authorizeNamespaceOwnerRead(
    viewer,
    await getNamespaceStanding(viewer.id, namespace),
    "Only owners of this organization can see the builds of all its repositories.",
  );
}
