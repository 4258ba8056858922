import { ForbiddenError, NotFoundError } from "@/lib/errors";

export type AuditLogNamespace = { id: string; name: string; kind: "user" | "org" };

/** What the audit-log read looked up about a namespace and the viewer (lib/data/audit-log.ts). */
export type AuditLogNamespaceFacts = AuditLogNamespace & {
  personalOwnerId: string | null;
  ownsOrg: boolean;
  inOrg: boolean;
};

/**
 * Who may read a namespace's audit log: a personal namespace's owner, an organization's owners,
 * and site operators. Everyone else is refused without learning more than they already can:
 * NotFound for a personal namespace that is not theirs, an unknown name, or an organization they
 * are not in (its internals are not theirs to probe, as in requireOrgRole); Forbidden only for a
 * plain member of the organization, who knows it exists and that they are not an owner.
 */
export function authorizeAuditLogRead(
  viewer: { id: string; isAdmin: boolean },
  facts: AuditLogNamespaceFacts | null,
): AuditLogNamespace {
  if (!facts) throw new NotFoundError("No such namespace");
  const ns = { id: facts.id, name: facts.name, kind: facts.kind };
  if (viewer.isAdmin) return ns;
  if (facts.kind === "user") {
    if (facts.personalOwnerId === viewer.id) return ns;
    throw new NotFoundError("No such namespace");
  }
  if (facts.ownsOrg) return ns;
  if (facts.inOrg) throw new ForbiddenError("Only owners of this organization can read its audit log.");
  throw new NotFoundError("No such namespace");
}
