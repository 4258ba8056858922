import "server-only";
import { sql } from "drizzle-orm";
import type { ClientBase } from "pg";
import { withClientTransaction } from "@/db";
import { SITE_STORAGE_SCOPE_ID } from "@/db/schema";
import { notifyQuotaLevels } from "./notify-quota-levels";

// One roll-up at a time across every console process sharing the database: the storage tables
// then have a single writer, so batches never wait on (or deadlock with) each other.
export const STORAGE_ROLLUP_LOCK = 0x73746f72; // "stor"
export const STORAGE_ROLLUP_BATCH = 5_000;

// Every digest a tag on a described manifest keeps stored, each once per top manifest: the
// manifest itself, what it references, and what its child manifests reference. The same graph
// lib/registry/inspect.ts walked to compute image_manifests.total_size.
const CLOSURE = `
  select m.digest as top, m.digest, m.manifest_size as size from image_manifests m
    where m.digest in (select top from sr_tops) and m.total_size is not null
  union
  select r.manifest_digest, r.digest, r.size from manifest_references r
    where r.manifest_digest in (select top from sr_tops)
  union
  select r.manifest_digest, c.digest, c.size from manifest_references r
    join manifest_references c on c.manifest_digest = r.digest
    where r.manifest_digest in (select top from sr_tops) and r.kind = 'manifest'`;

/**
 * Applies one batch of storage_changes to the storage figures (db/schema/storage.ts), in one
 * transaction: the batch leaves the queue exactly when its changes are counted, whatever crashes.
 *
 * Each queued tag is re-evaluated rather than replayed: what the tag should count now (its
 * digest, described or pending, from repository_tags and image_manifests) is compared with what
 * storage_tags says is counted, and only the difference is applied. So the order in which changes
 * are queued, and a change queued twice, do not matter. A described manifest re-evaluates every
 * tag on its digest and adds its blobs to stored_blobs (the site's described bytes).
 *
 * Returns how many queue rows it applied, or null when another process holds the roll-up.
 */
export async function rollUpStorage(limit = STORAGE_ROLLUP_BATCH): Promise<number | null> {
  return withClientTransaction(async (client, db) => {
    const { rows: lock } = await client.query<{ locked: boolean }>("select pg_try_advisory_xact_lock($1) as locked", [
      STORAGE_ROLLUP_LOCK,
    ]);
    if (!lock[0]?.locked) return null;
    const applied = await applyStorageChanges(client, limit);
    // Quota crossings are told in the transaction that moves the figures across them: exactly
    // once, whichever console process rolls up, and never for figures that were rolled back.
    if (applied > 0)
      await notifyQuotaLevels(db, sql`select namespace_id from sr_changes where namespace_id is not null`);
    return applied;
  });
}

/**
 * The roll-up's work, inside the caller's transaction (which must hold the roll-up's lock, as
 * rollUpStorage does; tests of both database engines call it on a connection of their own).
 */
export async function applyStorageChanges(client: ClientBase, limit: number): Promise<number> {
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  // The periodic run usually finds nothing: no scratch tables (catalog churn) for that.
  const { rows: queued } = await q(`select exists (select 1 from storage_changes) as queued`);
  if (!queued[0]?.queued) return 0;
  await createScratchTables(client);
  const taken = await q(
    `with b as (delete from storage_changes where id in (select id from storage_changes order by id limit $1)
         returning repository_id, tag, manifest_digest)
       insert into sr_batch select * from b`,
    [limit],
  );
  if (!taken.rowCount) return 0;

  // The tags to look at, and what each should count now.
  await q(`insert into sr_keys
      select repository_id, tag from sr_batch where tag is not null
      union
      select t.repository_id, t.name from repository_tags t
        where t.digest in (select manifest_digest from sr_batch where manifest_digest is not null)`);
  // Scratch tables have no statistics until analyzed: without them one queued tag would be
  // planned as thousands and joined by scanning the whole reference table.
  await q(`analyze sr_keys`);
  await q(`insert into sr_desired
      select t.repository_id, t.name, r.namespace_id, t.digest, m.total_size
      from sr_keys k
      join repository_tags t on t.repository_id = k.repository_id and t.name = k.name
      join repositories r on r.id = t.repository_id
      left join image_manifests m on m.digest = t.digest`);
  // What changes: counted rows that are no longer right (-1), rows to count instead (+1).
  await q(`insert into sr_changes
      select s.repository_id, s.name, s.namespace_id, s.digest, s.total_size, -1
      from storage_tags s join sr_keys k on k.repository_id = s.repository_id and k.name = s.name
      where not exists (select 1 from sr_desired d where d.repository_id = s.repository_id and d.name = s.name
        and d.digest = s.digest and d.total_size is not distinct from s.total_size)
      union all
      select d.repository_id, d.name, d.namespace_id, d.digest, d.total_size, 1
      from sr_desired d
      where not exists (select 1 from storage_tags s where s.repository_id = d.repository_id and s.name = d.name
        and s.digest = d.digest and s.total_size is not distinct from d.total_size)`);
  await q(`analyze sr_changes`);
  await q(`delete from storage_tags s using sr_changes c
      where c.sign = -1 and s.repository_id = c.repository_id and s.name = c.name`);
  await q(`insert into storage_tags (repository_id, name, namespace_id, digest, total_size)
      select repository_id, name, namespace_id, digest, total_size from sr_changes where sign = 1`);

  // Every blob of the manifests involved, known to stored_blobs before any namespace holds it.
  await q(`insert into sr_tops
      select digest from sr_changes where total_size is not null
      union select manifest_digest from sr_batch where manifest_digest is not null`);
  await q(`analyze sr_tops`);
  await q(`insert into sr_closure select distinct on (top, digest) top, digest, size from (${CLOSURE}) c`);
  await q(
    `with added as (
         insert into stored_blobs (digest, size)
         select digest, max(size) from sr_closure group by digest order by digest
         on conflict (digest) do nothing returning size)
       insert into storage_totals (scope, scope_id, described_bytes)
       select 'site', $1, sum(size) from added having count(*) > 0
       on conflict (scope, scope_id) do update set described_bytes = storage_totals.described_bytes + excluded.described_bytes`,
    [SITE_STORAGE_SCOPE_ID],
  );

  // Repository level: tags reaching each blob; a blob enters at its first tag, leaves with its last.
  await q(`with delta as (
        select c.repository_id, c.namespace_id, x.digest, max(x.size) as size, sum(c.sign)::int as n
        from sr_changes c join sr_closure x on x.top = c.digest
        where c.total_size is not null
        group by 1, 2, 3 having sum(c.sign) <> 0),
      applied as (
        insert into repository_blobs (repository_id, digest, size, tags)
        select repository_id, digest, size, n from delta order by repository_id, digest
        on conflict (repository_id, digest) do update set tags = repository_blobs.tags + excluded.tags
        returning repository_id, digest, size, tags as count)
      insert into sr_repository_moves
      select a.repository_id, d.namespace_id, a.digest, a.size, ${MOVE_SQL}
      from applied a join delta d on d.repository_id = a.repository_id and d.digest = a.digest`);
  await q(`delete from repository_blobs b using sr_repository_moves m
      where m.move = -1 and b.repository_id = m.repository_id and b.digest = m.digest`);

  // Namespace level: repositories holding each blob.
  await q(`with delta as (
        select namespace_id, digest, max(size) as size, sum(move)::int as n
        from sr_repository_moves where move <> 0 group by 1, 2 having sum(move) <> 0),
      applied as (
        insert into namespace_blobs (namespace_id, digest, size, repositories)
        select namespace_id, digest, size, n from delta order by namespace_id, digest
        on conflict (namespace_id, digest) do update set repositories = namespace_blobs.repositories + excluded.repositories
        returning namespace_id, digest, size, repositories as count)
      insert into sr_namespace_moves
      select a.namespace_id, a.digest, a.size, ${MOVE_SQL}
      from applied a join delta d on d.namespace_id = a.namespace_id and d.digest = a.digest`);
  await q(`delete from namespace_blobs b using sr_namespace_moves m
      where m.move = -1 and b.namespace_id = m.namespace_id and b.digest = m.digest`);

  // Site level: namespaces holding each blob (a blob no namespace holds stays, reclaimable).
  await q(`with delta as (
        select digest, sum(move)::int as n from sr_namespace_moves where move <> 0 group by 1 having sum(move) <> 0),
      applied as (
        update stored_blobs b set namespaces = b.namespaces + d.n from delta d where b.digest = d.digest
        returning b.digest, b.size, b.namespaces as count)
      insert into sr_site_moves
      select a.digest, a.size, ${MOVE_SQL}
      from applied a join delta d on d.digest = a.digest`);

  await q(
    `with figures (scope, scope_id, unique_bytes, tagged_bytes, pending_tags) as (
         select 'repository', repository_id, sum(size * move), 0, 0 from sr_repository_moves group by 2
         union all select 'namespace', namespace_id, sum(size * move), 0, 0 from sr_namespace_moves group by 2
         union all select 'site', $1::uuid, sum(size * move), 0, 0 from sr_site_moves
         union all select 'repository', repository_id, 0, ${TAGGED}, ${PENDING} from sr_changes group by 2
         union all select 'namespace', namespace_id, 0, ${TAGGED}, ${PENDING} from sr_changes group by 2
         union all select 'site', $1::uuid, 0, ${TAGGED}, ${PENDING} from sr_changes)
       insert into storage_totals (scope, scope_id, unique_bytes, tagged_bytes, pending_tags)
       select scope, scope_id, coalesce(sum(unique_bytes), 0), coalesce(sum(tagged_bytes), 0), coalesce(sum(pending_tags), 0)
       from figures group by 1, 2 order by 1, 2
       on conflict (scope, scope_id) do update set
         unique_bytes = storage_totals.unique_bytes + excluded.unique_bytes,
         tagged_bytes = storage_totals.tagged_bytes + excluded.tagged_bytes,
         pending_tags = storage_totals.pending_tags + excluded.pending_tags`,
    [SITE_STORAGE_SCOPE_ID],
  );
  // A repository or namespace with nothing stored has no row (read as zeros), so deleted ones go.
  await q(`delete from storage_totals where scope <> 'site'
      and unique_bytes = 0 and tagged_bytes = 0 and pending_tags = 0 and described_bytes = 0`);
  return taken.rowCount;
}

// +1 when the count went from 0 (the blob entered the scope), -1 when it reached 0 (it left).
const MOVE_SQL = `case when a.count = 0 then -1 when a.count = d.n then 1 else 0 end as move`;
const TAGGED = `coalesce(sum(sign * total_size), 0)`;
const PENDING = `count(*) filter (where total_size is null and sign = 1) - count(*) filter (where total_size is null and sign = -1)`;

async function createScratchTables(client: ClientBase): Promise<void> {
  await client.query(`
    create temp table sr_batch (repository_id uuid, tag text, manifest_digest text) on commit drop;
    create temp table sr_keys (repository_id uuid, name text) on commit drop;
    create temp table sr_desired (repository_id uuid, name text, namespace_id uuid, digest text, total_size bigint) on commit drop;
    create temp table sr_changes (repository_id uuid, name text, namespace_id uuid, digest text, total_size bigint, sign int) on commit drop;
    create temp table sr_tops (top text) on commit drop;
    create temp table sr_closure (top text, digest text, size bigint) on commit drop;
    create temp table sr_repository_moves (repository_id uuid, namespace_id uuid, digest text, size bigint, move int) on commit drop;
    create temp table sr_namespace_moves (namespace_id uuid, digest text, size bigint, move int) on commit drop;
    create temp table sr_site_moves (digest text, size bigint, move int) on commit drop;
  `);
}
