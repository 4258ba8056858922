import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/db";
import type { QuotaLevel } from "@/lib/authz/rules/storage-quota";
import { formatBytes } from "@/lib/format";
import { notify, type NotificationInput } from "@/lib/services/notification/notify";

// Taken by every caller before it reads or moves a level (the roll-up, an operator's quota change),
// so two of them never both see the old level and both notify.
const QUOTA_LEVEL_LOCK = 0x71756f74; // "quot"

type Row = {
  id: string;
  name: string;
  kind: "user" | "org";
  used: string;
  quota: string | null;
  old: number;
  level: QuotaLevel;
};

/**
 * Tells a namespace's owners (the user of a personal namespace; an organization's owners team)
 * when its usage reaches 80 % and 100 % of its effective quota, once per crossing: the level last
 * told is kept in storage_quota_levels, raised with the notification in the caller's transaction,
 * and lowered silently when usage (or a larger quota) takes it back below, which re-arms it.
 * `namespaceIds` is a query of namespace ids whose usage or quota may have moved. The quota is
 * effectiveStorageQuota (lib/authz/rules/storage-quota.ts) in SQL: the namespace's own, else the
 * site default. Returns how many namespaces crossed upwards.
 */
export async function notifyQuotaLevels(db: Database | Transaction, namespaceIds: SQL): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(${QUOTA_LEVEL_LOCK})`);
  const { rows } = await db.execute<Row>(sql`
    with ns as (
      select n.id, n.name, n.kind::text as kind, coalesce(t.unique_bytes, 0) as used,
        case when n.storage_quota_override then n.storage_quota_bytes
          else (select (s.value #>> '{}')::bigint from site_settings s where s.key = 'storage.default_quota_bytes') end as quota,
        coalesce(l.level, 0) as old
      from namespaces n
      left join storage_totals t on t.scope = 'namespace' and t.scope_id = n.id
      left join storage_quota_levels l on l.namespace_id = n.id
      where n.id in (${namespaceIds}))
    select *, case when quota is null then 0 when used >= quota then 100 when used * 100 >= quota * 80 then 80 else 0 end as level
    from ns`);
  const moved = rows.filter((r) => Number(r.level) !== Number(r.old));
  const items: NotificationInput[] = [];
  for (const r of moved) {
    await db.execute(sql`
      insert into storage_quota_levels (namespace_id, level) values (${r.id}, ${r.level})
      on conflict (namespace_id) do update set level = excluded.level`);
    if (Number(r.level) > Number(r.old) && r.quota !== null) items.push(...(await messages(db, r)));
  }
  await notify(db, items);
  return moved.filter((r) => Number(r.level) > Number(r.old)).length;
}

/** One notification per owner: what the namespace uses of its quota, and what happens next. */
async function messages(db: Database | Transaction, r: Row): Promise<NotificationInput[]> {
  const { rows: owners } = await db.execute<{ id: string }>(sql`
    select u.id from users u where u.namespace_id = ${r.id} and u.deactivated_at is null
    union
    select m.user_id from teams t join team_members m on m.team_id = t.id where t.organization_id = ${r.id} and t.is_owners`);
  const used = formatBytes(Number(r.used));
  const quota = formatBytes(Number(r.quota));
  const full = Number(r.level) === 100;
  const title = full ? `${r.name} has reached its storage quota` : `${r.name} has used 80 % of its storage quota`;
  const body = full
    ? `${r.name} stores ${used} of its ${quota} quota. Pushes that add layers are refused until tags are deleted or an operator raises the quota; nothing is deleted.`
    : `${r.name} stores ${used} of its ${quota} quota. Pushes past the quota will be refused; delete tags it no longer needs, or ask an operator for a larger quota.`;
  const link = r.kind === "org" ? `/orgs/${r.name}/settings` : "/settings/general";
  return owners.map((o) => ({ userId: o.id, kind: "storage_quota" as const, title, body, link }));
}
