import { authorizeNamespaceOwnerRead, type NamespaceStanding, type OwnedNamespace } from "./namespace-owner";

export type AuditLogNamespace = OwnedNamespace;

/** What the audit-log read looked up about a namespace and the viewer (lib/data/audit-log.ts). */
export type AuditLogNamespaceFacts = NamespaceStanding;

/**
 * Who may read a namespace's audit log: a personal namespace's owner, an organization's owners,
 * and site operators (authorizeNamespaceOwnerRead). A plain member of the organization is told
 * why; everyone else gets NotFound, as for a namespace that does not exist.
 */
export function authorizeAuditLogRead(
  viewer: { id: string; isAdmin: boolean },
  facts: AuditLogNamespaceFacts | null,
): AuditLogNamespace {
  return authorizeNamespaceOwnerRead(viewer, facts, "Only owners of this organization can read its audit log.");
}
