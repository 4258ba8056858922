import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { namespaces, registryEvents, repositories, type NewRegistryEvent } from "@/db/schema";
import { CONSOLE_SUBJECT } from "@/lib/registry/subject";
import type { RegistryEnvelope } from "@/lib/validations/registry-events";
import { splitRepositoryPath } from "@/lib/validations/repository";

/**
 * Stores a notification envelope in one statement. The registry retries deliveries it thinks
 * failed, so a replayed event id is ignored rather than stored twice.
 */
export async function recordRegistryEvents(envelope: RegistryEnvelope): Promise<{ received: number; stored: number }> {
  if (envelope.events.length === 0) return { received: 0, stored: 0 };
  const rows: NewRegistryEvent[] = envelope.events.map((e) => ({
    id: e.id,
    action: e.action,
    repository: e.target.repository,
    tag: e.target.tag ?? null,
    digest: e.target.digest ?? null,
    mediaType: e.target.mediaType ?? null,
    size: e.target.size ?? e.target.length ?? null,
    actor: e.actor?.name ?? null,
    requestMethod: e.request?.method ?? null,
    occurredAt: new Date(e.timestamp),
    payload: e,
  }));
  const db = getDb();
  const inserted = await db.insert(registryEvents).values(rows).onConflictDoNothing({ target: registryEvents.id }).returning({ id: registryEvents.id });
  // A tag pushed is the repository's "last pushed" (the full index of tags arrives with the index work).
  const pushes = new Map<string, Date>();
  for (const r of rows) {
    if (r.action === "push" && r.tag && r.requestMethod === "PUT") {
      const prev = pushes.get(r.repository);
      if (!prev || prev < r.occurredAt) pushes.set(r.repository, r.occurredAt);
    }
  }
  for (const [path, at] of pushes) {
    const parts = splitRepositoryPath(path);
    if (!parts) continue;
    await db.execute(sql`
      update ${repositories} r set last_pushed_at = greatest(coalesce(r.last_pushed_at, ${at}), ${at})
      from ${namespaces} n
      where n.id = r.namespace_id and n.name = ${parts.namespace} and r.name = ${parts.name}`);
  }
  // Pulls: manifest GETs by tag (HEAD requests and the console's own reads do not count), and only
  // events stored just now, so a replayed delivery never counts twice. A multi-platform pull fetches
  // the index by tag and its platform manifest by digest: it counts once.
  const fresh = new Set(inserted.map((i) => i.id));
  const pulls = new Map<string, number>();
  for (const r of rows) {
    if (fresh.has(r.id) && r.action === "pull" && r.requestMethod === "GET" && r.tag && r.actor !== CONSOLE_SUBJECT) pulls.set(r.repository, (pulls.get(r.repository) ?? 0) + 1);
  }
  for (const [path, n] of pulls) {
    const parts = splitRepositoryPath(path);
    if (!parts) continue;
    await db.execute(sql`
      update ${repositories} r set pull_count = r.pull_count + ${n}
      from ${namespaces} n
      where n.id = r.namespace_id and n.name = ${parts.namespace} and r.name = ${parts.name}`);
  }
  return { received: rows.length, stored: inserted.length };
}
