import "server-only";
import type { PoolClient } from "pg";
import type { ChangedTag } from "./notify-pushes";
import { prepared } from "./prepared";

export type TagPush = {
  repository: string;
  repositoryId: string;
  tag: string;
  digest: string;
  mediaType: string | null;
  at: Date;
  actor: string | null;
};

/**
 * Points tags at the digests pushed to them and returns the pushes to announce (webhooks,
 * notifications). A newer push wins; a push older than a recorded delete of that tag or digest is
 * ignored, so out-of-order delivery is safe.
 *
 * One push reaches the console twice: the front door records it before the client hears
 * "created", and the registry's notification arrives a moment later. Only a push that moves the
 * tag is announced (a new tag, another digest, or a tag only reconciliation had seen, which no one
 * announced), so the second report, a client's retry or a replayed event announce nothing twice.
 * The tags are locked first, in one order, so that two reports of one push racing each other see
 * each other's result instead of both reading the tag as it was.
 */
export async function applyTagPushes(client: PoolClient, items: TagPush[]): Promise<ChangedTag[]> {
  const pushes = latestBy(items, (p) => `${p.repositoryId}:${p.tag}`);
  if (pushes.length === 0) return [];
  await prepared(
    client,
    `select pg_advisory_xact_lock(hashtextextended(u.repository_id || ':' || u.name, 0))
     from unnest($1::text[], $2::text[]) with ordinality as u(repository_id, name, i) order by u.i`,
    [pushes.map((p) => p.repositoryId), pushes.map((p) => p.tag)],
  );
  const { rows } = await prepared<{
    repository_id: string;
    name: string;
    digest: string;
    pushed_at: Date;
    pushed_by: string | null;
    announce: boolean;
  }>(
    client,
    `with u as (
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
         as u(repository_id, name, digest, media_type, pushed_at, pushed_by, path)),
     old as (
       select t.repository_id, t.name, t.digest, t.pushed_by from repository_tags t
       join u on t.repository_id = u.repository_id and t.name = u.name),
     up as (
       insert into repository_tags (repository_id, name, digest, media_type, pushed_at, pushed_by)
       select u.repository_id, u.name, u.digest, u.media_type, u.pushed_at, u.pushed_by from u
       where not exists (
         select 1 from registry_events e
         where e.repository = u.path and e.action = 'delete' and e.occurred_at > u.pushed_at
           and (e.tag = u.name or (e.tag is null and e.digest = u.digest)))
       on conflict (repository_id, name) do update
         set digest = excluded.digest, media_type = excluded.media_type, pushed_at = excluded.pushed_at,
             pushed_by = excluded.pushed_by
         where repository_tags.pushed_at <= excluded.pushed_at
       returning repository_id, name, digest, pushed_at, pushed_by)
     select up.*, (old.name is null or old.digest <> up.digest or old.pushed_by is null) as announce
     from up left join old on old.repository_id = up.repository_id and old.name = up.name`,
    [
      pushes.map((p) => p.repositoryId),
      pushes.map((p) => p.tag),
      pushes.map((p) => p.digest),
      pushes.map((p) => p.mediaType),
      pushes.map((p) => p.at),
      pushes.map((p) => p.actor),
      pushes.map((p) => p.repository),
    ],
  );
  const lastPush = latestBy(pushes, (p) => p.repositoryId);
  await prepared(
    client,
    `update repositories r set last_pushed_at = greatest(coalesce(r.last_pushed_at, u.at), u.at)
     from unnest($1::uuid[], $2::timestamptz[]) as u(id, at) where r.id = u.id`,
    [lastPush.map((p) => p.repositoryId), lastPush.map((p) => p.at)],
  );
  return rows
    .filter((r) => r.announce)
    .map((r) => ({
      repositoryId: r.repository_id,
      tag: r.name,
      digest: r.digest,
      at: r.pushed_at,
      actor: r.pushed_by,
    }));
}

/** Keeps the last item per key (by time), sorted by key so concurrent transactions lock rows in one order. */
function latestBy<T extends { at: Date }>(items: T[], key: (t: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of [...items].sort((a, b) => a.at.getTime() - b.at.getTime())) map.set(key(item), item);
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}
