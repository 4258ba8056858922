import "server-only";
import { getNamespaceStanding } from "@/lib/data/namespaces";
import { authorizeNamespaceOwnerRead, type OwnedNamespace } from "./rules/namespace-owner";

type Viewer = { id: string; isAdmin: boolean };

/**
 * Who may list, add and delete a namespace's immutable tag rules: the same people who read the
 * namespace as a whole (its personal owner, an organization's owners, site operators). Anyone who
 * may see a repository sees which of its tags are immutable (lib/data/immutable-tag-rules.ts).
 */
export async function immutableRulesManagerFor(viewer: Viewer, namespace: string): Promise<OwnedNamespace> {
  return authorizeNamespaceOwnerRead(
    viewer,
    await getNamespaceStanding(viewer.id, namespace),
    "Only owners of this organization can manage its immutable tag rules.",
  );
}
