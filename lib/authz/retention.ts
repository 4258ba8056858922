import "server-only";
import { getNamespaceStanding } from "@/lib/data/namespaces";
import { authorizeNamespaceOwnerRead, type OwnedNamespace } from "./rules/namespace-owner";

type Viewer = { id: string; isAdmin: boolean };

/**
 * Who may see and change a namespace's tag retention policy, start its runs and read their
 * records: the same people who manage its immutable tag rules (its personal owner, an
 * organization's owners, site operators). Plain members may not even read the records: a run's
 * record lists every repository of the namespace, private ones included, and what left them.
 */
export async function retentionManagerFor(viewer: Viewer, namespace: string): Promise<OwnedNamespace> {
  return authorizeNamespaceOwnerRead(
    viewer,
    await getNamespaceStanding(viewer.id, namespace),
    "Only owners of this organization can manage its tag retention.",
  );
}
