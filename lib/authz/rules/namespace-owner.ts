import { ForbiddenError, NotFoundError } from "@/lib/errors";

export type OwnedNamespace = { id: string; name: string; kind: "user" | "org" };

/** What lib/data/namespaces.ts (getNamespaceStanding) looked up about a namespace and the viewer. */
export type NamespaceStanding = OwnedNamespace & {
  personalOwnerId: string | null;
  ownsOrg: boolean;
  inOrg: boolean;
};

/**
 * Who may read what belongs to a namespace as a whole (its audit log, its storage across every
 * repository, private ones included): a personal namespace's owner, an organization's owners, and
 * site operators. Everyone else is refused without learning more than they already can: NotFound
 * for a personal namespace that is not theirs, an unknown name, or an organization they are not in
 * (its internals are not theirs to probe, as in requireOrgRole); Forbidden, with `forbidden` as
 * the message, only for a plain member of the organization, who knows it exists and that they are
 * not an owner.
 */
export function authorizeNamespaceOwnerRead(
  viewer: { id: string; isAdmin: boolean },
  facts: NamespaceStanding | null,
  forbidden: string,
): OwnedNamespace {
  if (!facts) throw new NotFoundError("No such namespace");
  const ns = { id: facts.id, name: facts.name, kind: facts.kind };
  if (viewer.isAdmin) return ns;
  if (facts.kind === "user") {
    if (facts.personalOwnerId === viewer.id) return ns;
    throw new NotFoundError("No such namespace");
  }
  if (facts.ownsOrg) return ns;
  if (facts.inOrg) throw new ForbiddenError(forbidden);
  throw new NotFoundError("No such namespace");
}
