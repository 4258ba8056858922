import "server-only";
import crypto from "node:crypto";
import type { PoolClient, QueryResultRow } from "pg";
import { getPool, withClientTransaction } from "@/db";
import { CONSOLE_SUBJECT } from "@/lib/registry/subject";
import { MANIFEST_MEDIA_TYPES } from "@/lib/registry/types";
import type { RegistryEnvelope, RegistryEventInput } from "@/lib/validations/registry-events";
import { splitRepositoryPath } from "@/lib/validations/repository";
import { enqueueWebhookDeliveries, type WebhookEventInput } from "@/lib/services/webhook-delivery/enqueue";
import { notifyPushes, type ChangedTag } from "./notify-pushes";

export type RecordResult = {
  received: number;
  stored: number;
  pushed: Array<{ repository: string; digest: string }>;
  // Webhook deliveries and notifications queued: when > 0 the job worker should run now.
  notified: number;
  // Pulls queued for the counters: when > 0 the roll-up should run now.
  pulls: number;
};

/**
 * The events the index needs: manifest pushes, manifest GETs (pulls) and deletes. Blob events
 * (layers, configs), HEAD requests (docker's "is there anything new?") and the console's own reads
 * are dropped before touching the database.
 */
export function isIndexedEvent(e: RegistryEventInput): boolean {
  if (e.action === "delete") return true;
  if (!e.target.mediaType || !MANIFEST_MEDIA_TYPES.has(e.target.mediaType)) return false;
  if (e.action === "push") return true;
  // The console's own reads (describing a pushed image, reconciling) count as no pull: dropped here,
  // so indexing 100,000 images does not also store 100,000 events about itself.
  return (
    e.action === "pull" && (e.request?.method ?? "GET").toUpperCase() === "GET" && e.actor?.name !== CONSOLE_SUBJECT
  );
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
 * Applies one notification envelope in one transaction, with a fixed number of set-based
 * statements whatever its size. The registry retries deliveries it thinks failed, so events are
 * keyed by id and only the ones stored just now change the index: a replay counts nothing twice.
 *
 * - push of a manifest with a tag: the tag points at the digest (a newer push wins; a push older
 *   than a recorded delete of that tag or digest is ignored, so out-of-order delivery is safe);
 * - pull (GET by tag, not the console's own reads): queued, then counted per repository, tag and
 *   UTC day by the roll-up a moment later. A multi-platform pull fetches the index by tag and its
 *   platform manifest by digest: one pull;
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
  if (rows.length === 0) return { received: envelope.events.length, stored: 0, pushed: [], notified: 0, pulls: 0 };
  // Pulls are nearly all the traffic: an envelope of pulls only is one statement, atomic on its own.
  if (rows.every((r) => r.action === "pull")) {
    const { fresh, pulls } = await storeEvents(getPool(), rows);
    return { received: envelope.events.length, stored: fresh.size, pushed: [], notified: 0, pulls };
  }
  return withClientTransaction(
    async (client, db) => {
      const { fresh, pulls } = await storeEvents(client, rows);
      const applied = rows.filter((r) => fresh.has(r.id));
      const repos = await resolveRepositories(
        client,
        applied.map((r) => r.repository),
      );
      const repoIds = new Map([...repos].map(([path, r]) => [path, r.id]));
      const { pushed, changed } = await applyPushes(client, applied, repoIds);
      await applyDeletes(client, applied, repoIds);
      // Webhooks and notifications commit with the index change they report (the outbox): an event
      // stored is an event announced, and a replayed event announces nothing twice.
      const deletedTags = await withDeletedDigests(
        client,
        applied.filter((r) => r.action === "delete" && r.tag && repos.get(r.repository)?.status === "active"),
      );
      const webhookEvents: WebhookEventInput[] = [
        ...changed.map((c) => ({
          repositoryId: c.repositoryId,
          event: "push" as const,
          tag: c.tag,
          digest: c.digest,
          at: c.at,
          actor: c.actor,
        })),
        ...deletedTags.map((d) => ({
          repositoryId: repoIds.get(d.repository)!,
          event: "tag_deleted" as const,
          tag: d.tag,
          digest: d.digest,
          at: d.at,
          actor: d.actor === CONSOLE_SUBJECT ? null : d.actor,
        })),
      ];
      const queued = await enqueueWebhookDeliveries(db, webhookEvents);
      const notified = await notifyPushes(client, db, changed);
      return { received: envelope.events.length, stored: fresh.size, pushed, notified: queued + notified, pulls };
      // Concurrent envelopes pushing the same tags lock the same rows in their plan's order, not the
      // arrays': a deadlock aborts one envelope, which then simply runs again.
    },
    { retries: 3 },
  );
}

/**
 * Stores the events not seen before (by id) and, in the same statement, queues the new pulls of
 * known repositories for the counters (see roll-up-pulls.ts): a replayed pull is neither stored
 * nor queued again, and no counter row is locked on this path.
 */
async function storeEvents(db: Queryable, rows: Row[]): Promise<{ fresh: Set<string>; pulls: number }> {
  const { rows: inserted } = await prepared<{ id: string; queued: number }>(
    db,
    `with fresh as (
       insert into registry_events (id, action, repository, tag, digest, media_type, size, actor, request_method, occurred_at, payload)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::timestamptz[], $11::jsonb[])
       on conflict (id) do nothing returning id, action, repository, tag, occurred_at),
     queued as (
       insert into registry_pull_queue (repository_id, tag, pulled_at)
       select r.id, f.tag, f.occurred_at from fresh f
       join namespaces n on n.name = split_part(f.repository, '/', 1)
       join repositories r on r.namespace_id = n.id and r.name = substr(f.repository, strpos(f.repository, '/') + 1)
       where f.action = 'pull' and f.tag is not null
       returning 1)
     select id, (select count(*) from queued)::int as queued from fresh`,
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
  return { fresh: new Set(inserted.map((r) => r.id)), pulls: inserted[0]?.queued ?? 0 };
}

/**
 * The registry's per-tag delete events carry no digest; the webhook payload names the image the
 * tag pointed at, so it is read from the last recorded push of that tag (one query per envelope).
 */
async function withDeletedDigests(client: PoolClient, deletes: Row[]): Promise<Row[]> {
  const missing = deletes.filter((d) => !d.digest);
  if (missing.length === 0) return deletes;
  const { rows } = await prepared<{ repository: string; tag: string; digest: string }>(
    client,
    `select u.repository, u.tag, p.digest from unnest($1::text[], $2::text[], $3::timestamptz[]) as u(repository, tag, at)
     cross join lateral (select e.digest from registry_events e where e.repository = u.repository and e.tag = u.tag and e.action = 'push' and e.occurred_at <= u.at
                         order by e.occurred_at desc limit 1) p`,
    [col(missing, "repository"), col(missing, "tag"), col(missing, "at")],
  );
  const found = new Map(rows.map((r) => [`${r.repository}:${r.tag}`, r.digest]));
  return deletes.map((d) => (d.digest ? d : { ...d, digest: found.get(`${d.repository}:${d.tag}`) ?? null }));
}

/**
 * Runs a statement as a named prepared statement, parsed and planned once per connection: every
 * envelope runs the same few statements.
 */
const statementNames = new Map<string, string>();
type Queryable = Pick<PoolClient, "query">;
function prepared<R extends QueryResultRow = QueryResultRow>(client: Queryable, text: string, values: unknown[]) {
  let name = statementNames.get(text);
  if (!name) {
    name = `registry_events_${crypto.createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return client.query<R>({ name, text, values });
}

// jsonb cannot hold NUL; one in a header the registry copied must not make the envelope fail
// forever (the registry retries it), so it is dropped from the stored copy.
const withoutNul = (_key: string, v: unknown) => (typeof v === "string" ? v.replaceAll("\u0000", "") : v);

const col = <K extends keyof Row>(rows: Row[], key: K) => rows.map((r) => r[key]);

/** `namespace/name` → repository id and status, for the repositories the console knows. */
async function resolveRepositories(
  client: PoolClient,
  paths: string[],
): Promise<Map<string, { id: string; status: string }>> {
  const parts = [...new Set(paths)].flatMap((p) => {
    const s = splitRepositoryPath(p);
    return s ? [s] : [];
  });
  if (parts.length === 0) return new Map();
  const { rows } = await prepared<{ id: string; path: string; status: string }>(
    client,
    `select r.id, n.name || '/' || r.name as path, r.status from repositories r join namespaces n on n.id = r.namespace_id
     join unnest($1::text[], $2::text[]) as p(ns, name) on p.ns = n.name and p.name = r.name`,
    [parts.map((p) => p.namespace), parts.map((p) => p.name)],
  );
  return new Map(rows.map((r) => [r.path, { id: r.id, status: r.status }]));
}

/** Keeps the last row per key (rows sorted by time), sorted by key so concurrent envelopes lock rows in one order. */
function latestBy<T extends { at: Date }>(items: T[], key: (t: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of [...items].sort((a, b) => a.at.getTime() - b.at.getTime())) map.set(key(item), item);
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

async function applyPushes(client: PoolClient, rows: Row[], repoIds: Map<string, string>) {
  const pushes = latestBy(
    rows.filter((r) => r.action === "push" && r.tag && r.digest && repoIds.has(r.repository)),
    (r) => `${r.repository}:${r.tag}`,
  );
  if (pushes.length === 0) return { pushed: [], changed: [] };
  const { rows: changedRows } = await prepared<{
    repository_id: string;
    name: string;
    digest: string;
    pushed_at: Date;
    pushed_by: string | null;
  }>(
    client,
    `insert into repository_tags (repository_id, name, digest, media_type, pushed_at, pushed_by)
     select u.repository_id, u.name, u.digest, u.media_type, u.pushed_at, u.pushed_by
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[]) as u(repository_id, name, digest, media_type, pushed_at, pushed_by, path)
     where not exists (
       select 1 from registry_events e
       where e.repository = u.path and e.action = 'delete' and e.occurred_at > u.pushed_at
         and (e.tag = u.name or (e.tag is null and e.digest = u.digest)))
     on conflict (repository_id, name) do update
       set digest = excluded.digest, media_type = excluded.media_type, pushed_at = excluded.pushed_at, pushed_by = excluded.pushed_by
       where repository_tags.pushed_at <= excluded.pushed_at
     returning repository_id, name, digest, pushed_at, pushed_by`,
    [
      pushes.map((p) => repoIds.get(p.repository)),
      col(pushes, "tag"),
      col(pushes, "digest"),
      col(pushes, "mediaType"),
      col(pushes, "at"),
      col(pushes, "actor"),
      col(pushes, "repository"),
    ],
  );
  const lastPush = latestBy(pushes, (p) => p.repository);
  await prepared(
    client,
    `update repositories r set last_pushed_at = greatest(coalesce(r.last_pushed_at, u.at), u.at)
     from unnest($1::uuid[], $2::timestamptz[]) as u(id, at) where r.id = u.id`,
    [lastPush.map((p) => repoIds.get(p.repository)), col(lastPush, "at")],
  );
  const changed: ChangedTag[] = changedRows.map((r) => ({
    repositoryId: r.repository_id,
    tag: r.name,
    digest: r.digest,
    at: r.pushed_at,
    actor: r.pushed_by,
  }));
  return { pushed: pushes.map((p) => ({ repository: p.repository, digest: p.digest! })), changed };
}

async function applyDeletes(client: PoolClient, rows: Row[], repoIds: Map<string, string>) {
  const deletes = rows.filter((r) => r.action === "delete" && (r.tag || r.digest) && repoIds.has(r.repository));
  if (deletes.length === 0) return;
  await prepared(
    client,
    `delete from repository_tags t using unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) as d(repository_id, tag, digest, at)
     where t.repository_id = d.repository_id and t.pushed_at <= d.at
       and (t.name = d.tag or (d.tag is null and t.digest = d.digest))`,
    [deletes.map((d) => repoIds.get(d.repository)), col(deletes, "tag"), col(deletes, "digest"), col(deletes, "at")],
  );
}
