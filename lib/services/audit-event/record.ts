import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Database, type Transaction } from "@/db";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/authz/rules/repository-permissions";

export type AuditEntry = {
  action: string;
  // Who did it (null: nobody signed in, or a name that matches no account).
  actorId: string | null;
  // Whose log it goes to. Omitted: the actor's own namespace (account and token events).
  namespaceId?: string | null;
  target?: string | null;
  metadata?: Record<string, unknown>;
  ip?: string | null;
};

/** Who acted and from where, as audit entries record it. */
export function auditActor(actor: Actor): { actorId: string | null; ip: string | null } {
  return { actorId: actor.kind === "user" ? actor.userId : null, ip: actor.ip ?? null };
}

/**
 * Appends one entry to the audit log, inside the caller's transaction when given one, so the
 * change and its record commit together. The actor's name is copied in the same statement.
 */
export async function recordAudit(entry: AuditEntry, db: Database | Transaction = getDb()): Promise<void> {
  const actorId = entry.actorId;
  await db.insert(auditEvents).values({
    namespaceId:
      entry.namespaceId !== undefined
        ? entry.namespaceId
        : actorId
          ? sql`(select namespace_id from users where id = ${actorId})`
          : null,
    actorId,
    actorName: actorId ? sql`(select username from users where id = ${actorId})` : null,
    action: entry.action,
    target: entry.target?.slice(0, 500) ?? null,
    metadata: entry.metadata ?? null,
    ipAddress: entry.ip ?? null,
  });
}
