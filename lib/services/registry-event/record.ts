import "server-only";
import { getDb } from "@/db";
import { registryEvents, type NewRegistryEvent } from "@/db/schema";
import type { RegistryEnvelope } from "@/lib/validations/registry-events";

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
  const inserted = await getDb().insert(registryEvents).values(rows).onConflictDoNothing({ target: registryEvents.id }).returning({ id: registryEvents.id });
  return { received: rows.length, stored: inserted.length };
}
