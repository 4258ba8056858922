import "server-only";
import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginate } from "@/lib/api/pagination";
import { describeAuditEvent } from "@/lib/validations/audit-actions";
import { listAuditEvents } from "@/lib/data/audit-log";
import { auditEventResource, auditLogQuery } from "@/lib/validations/api/audit-log";
import { namespaceParam } from "@/lib/validations/api/repositories";

/**
 * Metadata as recorded, less webhook URLs: they often carry a token in their query or path, and
 * the log is what gets shipped to other systems (the console's log page leaves them out too).
 * Admins read them from the webhook itself.
 */
function shareableMetadata(metadata: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!metadata || !("url" in metadata)) return metadata;
  const { url: _url, ...rest } = metadata;
  return rest;
}

export const listAuditLogEndpoint = endpoint({
  operationId: "listAuditLog",
  method: "GET",
  path: "/namespaces/{namespace}/audit-log",
  tag: "Audit log",
  summary: "A namespace's audit log, newest first, with filters",
  description:
    "Readable by the owner of a personal namespace, the owners of an organization and site operators. A plain member of the organization gets 403 FORBIDDEN; anyone else 404 NOT_FOUND, as for a namespace that does not exist.",
  scope: "read",
  params: z.object({ namespace: namespaceParam }),
  query: auditLogQuery,
  status: 200,
  response: pageOf(auditEventResource),
  handler: async ({ params, query, actor, url }) => {
    // listAuditEvents decides who may read the log, exactly as for the audit log pages.
    const { namespace, items, total } = await listAuditEvents(
      { id: actor.userId, isAdmin: actor.isAdmin },
      {
        namespace: params.namespace,
        action: query.action,
        actor: query.actor,
        q: query.q,
        page: query.page,
        pageSize: query.page_size,
      },
    );
    return paginate(
      url,
      query.page,
      query.page_size,
      total,
      items.map((e): z.input<typeof auditEventResource> => ({
        id: e.id,
        action: e.action,
        description: describeAuditEvent(e, { namespace: namespace.name }),
        actor: e.actorName,
        target: e.target,
        metadata: shareableMetadata(e.metadata),
        ip_address: e.ipAddress,
        created_at: e.createdAt.toISOString(),
      })),
    );
  },
});

export const auditLogEndpoints = [listAuditLogEndpoint];
