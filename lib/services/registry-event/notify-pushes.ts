import "server-only";
import type { PoolClient } from "pg";
import type { Database } from "@/db";
import { notify, type NotificationInput } from "@/lib/services/notification/notify";

export type ChangedTag = { repositoryId: string; tag: string; digest: string; at: Date; actor: string | null };

/**
 * "Push to my repositories": one notification per repository and envelope (a CI job pushing ten
 * tags is one entry, naming them), to the owner of a personal namespace or the owners of an
 * organization. Returns how many people were notified.
 */
export async function notifyPushes(client: PoolClient, db: Database, changed: ChangedTag[]): Promise<number> {
  if (changed.length === 0) return 0;
  const repositoryIds = [...new Set(changed.map((c) => c.repositoryId))].sort();
  const { rows } = await client.query<{ repository_id: string; path: string; user_id: string }>(
    `select r.id as repository_id, n.name || '/' || r.name as path, u.id as user_id
     from repositories r join namespaces n on n.id = r.namespace_id
     join users u on (n.kind = 'user' and u.namespace_id = n.id)
       or (n.kind = 'org' and exists (select 1 from team_members tm join teams t on t.id = tm.team_id
                                      where t.organization_id = n.id and t.is_owners and tm.user_id = u.id))
     where r.id = any($1::uuid[]) and r.status = 'active'`,
    [repositoryIds],
  );
  const items: NotificationInput[] = [];
  for (const r of rows) {
    const tags = changed.filter((c) => c.repositoryId === r.repository_id);
    const names = tags.map((t) => t.tag);
    const actors = [...new Set(tags.map((t) => t.actor).filter(Boolean))];
    const by = actors.length > 0 ? ` by ${actors.join(", ")}` : "";
    items.push({
      userId: r.user_id,
      kind: "repository_push",
      title: names.length === 1 ? `${r.path}:${names[0]} was pushed` : `${names.length} tags pushed to ${r.path}`,
      body:
        names.length === 1
          ? `${names[0]} was pushed to ${r.path}${by} (${tags[0]!.digest.slice(0, 19)}).`
          : `${names.slice(0, 10).join(", ")}${names.length > 10 ? ` and ${names.length - 10} more` : ""} were pushed to ${r.path}${by}.`,
      link: names.length === 1 ? `/r/${r.path}/tags/${encodeURIComponent(names[0]!)}` : `/r/${r.path}/tags`,
    });
  }
  await notify(db, items);
  return items.length;
}
