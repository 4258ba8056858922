import "server-only";
import type { PoolClient } from "pg";
import { withClientTransaction } from "@/db";
import { MANIFEST_MEDIA_TYPES } from "@/lib/registry/types";
import type { RegistryEnvelope, RegistryEventInput } from "@/lib/validations/registry-events";
import { splitRepositoryPath } from "@/lib/validations/repository";
import { enqueueWebhookDeliveries } from "@/lib/services/webhook-delivery/enqueue";
import { applyTagPushes } from "./apply-pushes";
import { notifyPushes } from "./notify-pushes";
import { prepared, type Queryable } from "./prepared";
import { removeTags } from "./remove-tags";

export type RecordResult = {
  received: number;
  stored: number;
  pushed: Array<{ repository: string; digest: string }>;
  // Webhook deliveries and notifications queued: when > 0 the job worker should run now.
  notified: number;
};

/**
 * The events the index needs: manifest pushes and deletes. Pulls are counted by the front door
 * from what it serves (lib/front-door/pull-counter.ts), so the registry's pull events, blob events
 * and HEAD requests are dropped before touching the database.
 */
export function isIndexedEvent(e: RegistryEventInput): boolean {
  if (e.action === "delete") return true;
  return e.action === "push" && !!e.target.mediaType && MANIFEST_MEDIA_TYPES.has(e.target.mediaType);
}

type Row = {
  id: string;
  action: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  mediaType: string | null;
  size: number | null;
  actor: string | null;
  method: string | null;
  at: Date;
  payload: RegistryEventInput;
};

/**
 * Applies one envelope of manifest pushes and deletes in one transaction, with a fixed number of
 * set-based statements whatever its size. Two sources send envelopes: the front door, for every
 * manifest PUT and DELETE it passed (before its client hears the answer), and the registry's
 * notifications, which cross-check it. Events are keyed by id and only the ones stored just now
 * change the index, so a replay changes nothing; and only a change is announced (see
 * apply-pushes.ts and remove-tags.ts), so the second report of one push announces nothing.
 *
 * - push of a manifest with a tag: the tag points at the digest;
 * - delete: the tags on that digest (or the named tag) leave the index.
 */
export async function recordRegistryEvents(envelope: RegistryEnvelope): Promise<RecordResult> {
  const rows: Row[] = envelope.events.filter(isIndexedEvent).map((e) => ({
    id: e.id,
    action: e.action,
    repository: e.target.repository,
    tag: e.target.tag ?? null,
    digest: e.target.digest ?? null,
    mediaType: e.target.mediaType ?? null,
    size: e.target.size ?? e.target.length ?? null,
    actor: e.actor?.name || null,
    method: e.request?.method ?? null,
    at: new Date(e.timestamp),
    payload: e,
  }));
  if (rows.length === 0) return { received: envelope.events.length, stored: 0, pushed: [], notified: 0 };
  return withClientTransaction(
    async (client, db) => {
      const fresh = await storeEvents(client, rows);
      const applied = rows.filter((r) => fresh.has(r.id));
      const repoIds = await resolveRepositories(
        client,
        applied.map((r) => r.repository),
      );
      const pushes = applied.flatMap((r) =>
        r.action === "push" && r.tag && r.digest && repoIds.has(r.repository)
          ? [{ ...r, tag: r.tag, digest: r.digest, repositoryId: repoIds.get(r.repository)! }]
          : [],
      );
      const changed = await applyTagPushes(client, pushes);
      // Webhooks and notifications commit with the index change they report (the outbox): a change
      // recorded is a change announced, and a replayed event announces nothing twice.
      const deleted = await removeTags(
        client,
        db,
        applied.flatMap((r) =>
          r.action === "delete" && repoIds.has(r.repository)
            ? [{ repositoryId: repoIds.get(r.repository)!, tag: r.tag, digest: r.digest, at: r.at, actor: r.actor }]
            : [],
        ),
      );
      const queued = await enqueueWebhookDeliveries(
        db,
        changed.map((c) => ({ ...c, event: "push" as const })),
      );
      const notified = await notifyPushes(client, db, changed);
      return {
        received: envelope.events.length,
        stored: fresh.size,
        pushed: pushes.map((p) => ({ repository: p.repository, digest: p.digest })),
        notified: queued + deleted + notified,
      };
      // Concurrent envelopes pushing the same tags lock the same rows in their plan's order, not the
      // arrays': a deadlock aborts one envelope, which then simply runs again.
    },
    { retries: 3 },
  );
}

/** Stores the events not seen before (by id); returns their ids. */
async function storeEvents(db: Queryable, rows: Row[]): Promise<Set<string>> {
  const { rows: inserted } = await prepared<{ id: string }>(
    db,
    `insert into registry_events (id, action, repository, tag, digest, media_type, size, actor, request_method, occurred_at, payload)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::timestamptz[], $11::jsonb[])
     on conflict (id) do nothing returning id`,
    [
      col(rows, "id"),
      col(rows, "action"),
      col(rows, "repository"),
      col(rows, "tag"),
      col(rows, "digest"),
      col(rows, "mediaType"),
      col(rows, "size"),
      col(rows, "actor"),
      col(rows, "method"),
      col(rows, "at"),
      rows.map((r) => JSON.stringify(r.payload, withoutNul)),
    ],
  );
  return new Set(inserted.map((r) => r.id));
}

// jsonb cannot hold NUL; one in a header the registry copied must not make the envelope fail
// forever (the registry retries it), so it is dropped from the stored copy.
const withoutNul = (_key: string, v: unknown) => (typeof v === "string" ? v.replaceAll("\u0000", "") : v);

const col = <K extends keyof Row>(rows: Row[], key: K) => rows.map((r) => r[key]);

/** `namespace/name` → repository id, for the repositories the console knows. */
async function resolveRepositories(client: PoolClient, paths: string[]): Promise<Map<string, string>> {
  const parts = [...new Set(paths)].flatMap((p) => {
    const s = splitRepositoryPath(p);
    return s ? [s] : [];
  });
  if (parts.length === 0) return new Map();
  const { rows } = await prepared<{ id: string; path: string }>(
    client,
    `select r.id, n.name || '/' || r.name as path from repositories r join namespaces n on n.id = r.namespace_id
     join unnest($1::text[], $2::text[]) as p(ns, name) on p.ns = n.name and p.name = r.name`,
    [parts.map((p) => p.namespace), parts.map((p) => p.name)],
  );
  return new Map(rows.map((r) => [r.path, r.id]));
}
