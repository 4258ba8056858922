import "server-only";
import crypto from "node:crypto";
import type { PoolClient, QueryResultRow } from "pg";
import { withClientTransaction } from "@/db";
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
  return e.action === "pull" && (e.request?.method ?? "GET").toUpperCase() === "GET" && e.actor?.name !== CONSOLE_SUBJECT;
}

type Row = { id: string; action: string; repository: string; tag: string | null; digest: string | null; mediaType: string | null; size: number | null; actor: string | null; method: string | null; at: Date; payload: RegistryEventInput };

/**
 * Applies one notification envelope in one transaction, with a fixed number of set-based
 * statements whatever its size. The registry retries deliveries it thinks failed, so events are
 * keyed by id and only the ones stored just now change the index: a replay counts nothing twice.
 *
 * - push of a manifest with a tag: the tag points at the digest (a newer push wins; a push older
 *   than a recorded delete of that tag or digest is ignored, so out-of-order delivery is safe);
 * - pull (GET by tag, not the console's own reads): counts per repository, tag and UTC day. A
 *   multi-platform pull fetches the index by tag and its platform manifest by digest: one pull;
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
  return withClientTransaction(async (client, db) => {
    const fresh = await insertEvents(client, rows);
    const applied = rows.filter((r) => fresh.has(r.id));
    const repos = await resolveRepositories(client, applied.map((r) => r.repository));
    const repoIds = new Map([...repos].map(([path, r]) => [path, r.id]));
    const { pushed, changed } = await applyPushes(client, applied, repoIds);
    await applyDeletes(client, applied, repoIds);
    await applyPulls(client, applied, repoIds);
    // Webhooks and notifications commit with the index change they report (the outbox): an event
    // stored is an event announced, and a replayed event announces nothing twice.
    const deletedTags = await withDeletedDigests(client, applied.filter((r) => r.action === "delete" && r.tag && repos.get(r.repository)?.status === "active"));
    const webhookEvents: WebhookEventInput[] = [
      ...changed.map((c) => ({ repositoryId: c.repositoryId, event: "push" as const, tag: c.tag, digest: c.digest, at: c.at, actor: c.actor })),
      ...deletedTags.map((d) => ({ repositoryId: repoIds.get(d.repository)!, event: "tag_deleted" as const, tag: d.tag, digest: d.digest, at: d.at, actor: d.actor === CONSOLE_SUBJECT ? null : d.actor })),
    ];
    const queued = await enqueueWebhookDeliveries(db, webhookEvents);
    const notified = await notifyPushes(client, db, changed);
    return { received: envelope.events.length, stored: fresh.size, pushed, notified: queued + notified };
    // Concurrent envelopes bump the same counter rows, and a set-based UPDATE locks them in its
    // plan's order, not the arrays': a deadlock aborts one envelope, which then simply runs again.
  }, { retries: 3 });
}

async function insertEvents(client: PoolClient, rows: Row[]): Promise<Set<string>> {
  const { rows: inserted } = await prepared<{ id: string }>(client, 
    `insert into registry_events (id, action, repository, tag, digest, media_type, size, actor, request_method, occurred_at, payload)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::timestamptz[], $11::jsonb[])
     on conflict (id) do nothing returning id`,
    [col(rows, "id"), col(rows, "action"), col(rows, "repository"), col(rows, "tag"), col(rows, "digest"), col(rows, "mediaType"), col(rows, "size"), col(rows, "actor"), col(rows, "method"), col(rows, "at"), rows.map((r) => JSON.stringify(r.payload))],
  );
  return new Set(inserted.map((r) => r.id));
}

/**
 * The registry's per-tag delete events carry no digest; the webhook payload names the image the
 * tag pointed at, so it is read from the last recorded push of that tag (one query per envelope).
 */
async function withDeletedDigests(client: PoolClient, deletes: Row[]): Promise<Row[]> {
  const missing = deletes.filter((d) => !d.digest);
  if (missing.length === 0) return deletes;
  const { rows } = await prepared<{ repository: string; tag: string; digest: string }>(client, 
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
function prepared<R extends QueryResultRow = QueryResultRow>(client: PoolClient, text: string, values: unknown[]) {
  let name = statementNames.get(text);
  if (!name) {
    name = `registry_events_${crypto.createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return client.query<R>({ name, text, values });
}

const col = <K extends keyof Row>(rows: Row[], key: K) => rows.map((r) => r[key]);

/** `namespace/name` → repository id and status, for the repositories the console knows. */
async function resolveRepositories(client: PoolClient, paths: string[]): Promise<Map<string, { id: string; status: string }>> {
  const parts = [...new Set(paths)].flatMap((p) => {
    const s = splitRepositoryPath(p);
    return s ? [s] : [];
  });
  if (parts.length === 0) return new Map();
  const { rows } = await prepared<{ id: string; path: string; status: string }>(client, 
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
  const { rows: changedRows } = await prepared<{ repository_id: string; name: string; digest: string; pushed_at: Date; pushed_by: string | null }>(client, 
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
    [pushes.map((p) => repoIds.get(p.repository)), col(pushes, "tag"), col(pushes, "digest"), col(pushes, "mediaType"), col(pushes, "at"), col(pushes, "actor"), col(pushes, "repository")],
  );
  const lastPush = latestBy(pushes, (p) => p.repository);
  await prepared(client, 
    `update repositories r set last_pushed_at = greatest(coalesce(r.last_pushed_at, u.at), u.at)
     from unnest($1::uuid[], $2::timestamptz[]) as u(id, at) where r.id = u.id`,
    [lastPush.map((p) => repoIds.get(p.repository)), col(lastPush, "at")],
  );
  const changed: ChangedTag[] = changedRows.map((r) => ({ repositoryId: r.repository_id, tag: r.name, digest: r.digest, at: r.pushed_at, actor: r.pushed_by }));
  return { pushed: pushes.map((p) => ({ repository: p.repository, digest: p.digest! })), changed };
}

async function applyDeletes(client: PoolClient, rows: Row[], repoIds: Map<string, string>) {
  const deletes = rows.filter((r) => r.action === "delete" && (r.tag || r.digest) && repoIds.has(r.repository));
  if (deletes.length === 0) return;
  await prepared(client, 
    `delete from repository_tags t using unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) as d(repository_id, tag, digest, at)
     where t.repository_id = d.repository_id and t.pushed_at <= d.at
       and (t.name = d.tag or (d.tag is null and t.digest = d.digest))`,
    [deletes.map((d) => repoIds.get(d.repository)), col(deletes, "tag"), col(deletes, "digest"), col(deletes, "at")],
  );
}

async function applyPulls(client: PoolClient, rows: Row[], repoIds: Map<string, string>) {
  const pulls = rows.filter((r) => r.action === "pull" && r.tag && r.actor !== CONSOLE_SUBJECT && repoIds.has(r.repository));
  if (pulls.length === 0) return;
  const perTag = new Map<string, { id: string; tag: string; n: number; at: Date }>();
  const perDay = new Map<string, { id: string; day: string; n: number }>();
  const perRepo = new Map<string, number>();
  for (const p of pulls) {
    const id = repoIds.get(p.repository)!;
    const t = perTag.get(`${id}:${p.tag}`) ?? { id, tag: p.tag!, n: 0, at: p.at };
    t.n += 1;
    if (p.at > t.at) t.at = p.at;
    perTag.set(`${id}:${p.tag}`, t);
    const day = p.at.toISOString().slice(0, 10);
    const d = perDay.get(`${id}:${day}`) ?? { id, day, n: 0 };
    d.n += 1;
    perDay.set(`${id}:${day}`, d);
    perRepo.set(id, (perRepo.get(id) ?? 0) + 1);
  }
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  const tags = sorted(perTag);
  const days = sorted(perDay);
  const repos = [...perRepo.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  // One statement for the three counters: these rows are shared by every envelope of a busy
  // repository, and their locks are held until commit, so fewer round trips while holding them
  // is what lets concurrent envelopes through.
  await prepared(
    client,
    `with tag_counts as (
       update repository_tags t set pull_count = t.pull_count + u.n, last_pulled_at = greatest(coalesce(t.last_pulled_at, u.at), u.at)
       from unnest($1::uuid[], $2::text[], $3::bigint[], $4::timestamptz[]) as u(repository_id, name, n, at)
       where t.repository_id = u.repository_id and t.name = u.name returning 1),
     day_counts as (
       insert into repository_pull_days (repository_id, day, pulls) select * from unnest($5::uuid[], $6::date[], $7::bigint[])
       on conflict (repository_id, day) do update set pulls = repository_pull_days.pulls + excluded.pulls returning 1),
     repository_counts as (
       update repositories r set pull_count = r.pull_count + u.n from unnest($8::uuid[], $9::bigint[]) as u(id, n) where r.id = u.id returning 1)
     select 1`,
    [tags.map((t) => t.id), tags.map((t) => t.tag), tags.map((t) => t.n), tags.map((t) => t.at), days.map((d) => d.id), days.map((d) => d.day), days.map((d) => d.n), repos.map(([id]) => id), repos.map(([, n]) => n)],
  );
}
