import "server-only";
import type { PoolClient } from "pg";
import type { Database } from "@/db";
import { notifyGrouped, type GroupedNotificationInput } from "@/lib/services/notification/notify-grouped";

export type ChangedTag = { repositoryId: string; tag: string; digest: string; at: Date; actor: string | null };

/**
 * "Push to my repositories", to the owner of a personal namespace or the owners of an
 * organization. Pushes to one repository by one actor gather into one notification while it is
 * open ("60 tags pushed to ops/load", see notify-grouped.ts), however many envelopes the registry
 * splits them into. Your own pushes are a kind of their own (own_push), off by default as on
 * Docker Hub. Returns how many people were notified.
 */
export async function notifyPushes(client: PoolClient, db: Database, changed: ChangedTag[]): Promise<number> {
  if (changed.length === 0) return 0;
  const repositoryIds = [...new Set(changed.map((c) => c.repositoryId))].sort();
  const { rows } = await client.query<{ repository_id: string; path: string; user_id: string; username: string }>(
    `select r.id as repository_id, n.name || '/' || r.name as path, u.id as user_id, u.username
     from repositories r join namespaces n on n.id = r.namespace_id
     join users u on (n.kind = 'user' and u.namespace_id = n.id)
       or (n.kind = 'org' and exists (select 1 from team_members tm join teams t on t.id = tm.team_id
                                      where t.organization_id = n.id and t.is_owners and tm.user_id = u.id))
     where r.id = any($1::uuid[]) and r.status = 'active'`,
    [repositoryIds],
  );
  const items: GroupedNotificationInput[] = [];
  for (const r of rows) {
    const byActor = new Map<string | null, ChangedTag[]>();
    for (const c of changed)
      if (c.repositoryId === r.repository_id) byActor.set(c.actor, [...(byActor.get(c.actor) ?? []), c]);
    for (const [actor, tags] of byActor) {
      const digest = tags.length === 1 ? tags[0]!.digest : null;
      items.push({
        userId: r.user_id,
        kind: actor === r.username ? "own_push" : "repository_push",
        groupKey: `push:${r.repository_id}:${actor ?? ""}`,
        items: tags.map((t) => t.tag),
        render: (count, names) => pushText(r.path, actor, count, names, digest),
      });
    }
  }
  return notifyGrouped(client, db, items);
}

/** "ops/load:1.0 was pushed", or "60 tags pushed to ops/load" naming the latest ten. */
function pushText(path: string, actor: string | null, count: number, names: string[], digest: string | null) {
  const by = actor ? ` by ${actor}` : "";
  if (count === 1 && names.length === 1)
    return {
      title: `${path}:${names[0]} was pushed`,
      body: `${names[0]} was pushed to ${path}${by}${digest ? ` (${digest.slice(0, 19)})` : ""}.`,
      link: `/r/${path}/tags/${encodeURIComponent(names[0]!)}`,
    };
  const latest = names.slice(-10).reverse();
  const more = count - latest.length;
  return {
    title: `${count} tags pushed to ${path}`,
    body: `${latest.join(", ")}${more > 0 ? ` and ${more} more` : ""} were pushed to ${path}${by}.`,
    link: `/r/${path}/tags`,
  };
}
