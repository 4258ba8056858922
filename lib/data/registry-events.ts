import "server-only";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { registryEvents } from "@/db/schema";

/** The most recent events for a repository (newest first), optionally of one action. */
export async function listRecentEvents(repository: string, opts: { action?: string; limit?: number } = {}) {
  const where = opts.action ? and(eq(registryEvents.repository, repository), eq(registryEvents.action, opts.action)) : eq(registryEvents.repository, repository);
  return getDb()
    .select()
    .from(registryEvents)
    .where(where)
    .orderBy(desc(registryEvents.occurredAt))
    .limit(Math.min(opts.limit ?? 50, 500));
}

/**
 * Current tags of a repository by their most recent push, newest first, from the registry's own
 * events: a tag counts while its last push is newer than its last deletion.
 */
export async function recentlyPushedTags(repository: string, limit = 50): Promise<Array<{ tag: string; pushedAt: Date }>> {
  const pushed = sql<Date>`max(${registryEvents.occurredAt}) filter (where ${registryEvents.action} = 'push')`;
  const deleted = sql<Date | null>`max(${registryEvents.occurredAt}) filter (where ${registryEvents.action} = 'delete')`;
  const rows = await getDb()
    .select({ tag: registryEvents.tag, pushedAt: pushed })
    .from(registryEvents)
    .where(and(eq(registryEvents.repository, repository), isNotNull(registryEvents.tag)))
    .groupBy(registryEvents.tag)
    .having(sql`${pushed} > coalesce(${deleted}, '-infinity'::timestamptz)`)
    .orderBy(sql`${pushed} desc`)
    .limit(limit);
  return rows.map((r) => ({ tag: r.tag!, pushedAt: new Date(r.pushedAt) }));
}
