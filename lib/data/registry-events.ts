import "server-only";
import { and, desc, eq } from "drizzle-orm";
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
