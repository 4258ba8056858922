import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { cache } from "react";
import { getDb } from "@/db";
import { auditEvents } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { auditLogQuerySchema } from "@/lib/validations/audit-log";
import { MAX_PAGE_SIZE } from "@/lib/validations/pagination";
import type { CurrentUser } from "./sessions";
import { authorizeAuditLogRead, type AuditLogNamespace } from "@/lib/authz/rules/audit-log-access";
import { getNamespaceStanding } from "./namespaces";
import { likePattern } from "./repositories";

export type { AuditLogNamespace };

type Viewer = Pick<CurrentUser, "id" | "isAdmin">;

/**
 * The namespace `name` and what decides whether the viewer may read its log; the decision itself is
 * authorizeAuditLogRead (lib/authz/rules/audit-log-access.ts). Cached per request: the route's layout
 * checks before streaming starts (so the 404 is a real status) and the page asks again through
 * listAuditEvents.
 */
const readableNamespace = cache(
  async (viewerId: string, viewerIsAdmin: boolean, name: string): Promise<AuditLogNamespace> => {
    return authorizeAuditLogRead({ id: viewerId, isAdmin: viewerIsAdmin }, await getNamespaceStanding(viewerId, name));
  },
);

/** The namespace whose log `viewer` asked for, or NotFoundError / ForbiddenError (see readableNamespace). */
export function getAuditLogNamespace(viewer: Viewer, namespace: string): Promise<AuditLogNamespace> {
  return readableNamespace(viewer.id, viewer.isAdmin, namespace);
}

export type AuditLogItem = {
  id: string;
  action: string;
  actorName: string | null;
  target: string | null;
  metadata: Record<string, unknown> | null;
  ipAddress: string | null;
  createdAt: Date;
};

export type AuditLogInput = {
  namespace: string;
  action?: string;
  actor?: string;
  q?: string;
  page: number;
  pageSize: number;
};

/**
 * One page of a namespace's audit log, newest first, for a viewer allowed to read it (see
 * readableNamespace). Filters: action (exact, one of the known actions: anything else is a
 * ValidationError), actor (username, exact; the name copied at the time, so entries of deleted
 * accounts still match), q (text in the target, case-insensitive, LIKE wildcards taken literally).
 */
export async function listAuditEvents(
  viewer: Viewer,
  input: AuditLogInput,
): Promise<{ namespace: AuditLogNamespace; items: AuditLogItem[]; total: number }> {
  const parsed = auditLogQuerySchema.safeParse({
    action: input.action,
    actor: input.actor,
    q: input.q,
    page: input.page,
  });
  if (!parsed.success)
    throw new ValidationError(
      "These filters are not valid.",
      z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    );
  const { action, actor, q, page } = parsed.data;
  const pageSize = Math.min(Math.max(1, Math.trunc(input.pageSize) || 1), MAX_PAGE_SIZE);
  const namespace = await getAuditLogNamespace(viewer, input.namespace);

  const where = and(
    eq(auditEvents.namespaceId, namespace.id),
    action ? eq(auditEvents.action, action) : undefined,
    actor ? eq(auditEvents.actorName, actor) : undefined,
    q ? sql`${auditEvents.target} ilike ${likePattern(q)}` : undefined,
  );
  const db = getDb();
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: auditEvents.id,
        action: auditEvents.action,
        actorName: auditEvents.actorName,
        target: auditEvents.target,
        metadata: auditEvents.metadata,
        ipAddress: auditEvents.ipAddress,
        createdAt: auditEvents.createdAt,
      })
      .from(auditEvents)
      .where(where)
      // Entries written in one transaction share a timestamp; the id keeps pages stable between requests.
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(where),
  ]);
  return { namespace, items, total: count?.n ?? 0 };
}
