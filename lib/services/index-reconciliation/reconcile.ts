import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { indexReconciliations, type IndexReconciliation } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getRegistryClient } from "@/lib/registry";
import { indexManifests } from "@/lib/services/image-manifest/index-manifests";
import { splitRepositoryPath } from "@/lib/validations/repository";

export type ReconcileReason = IndexReconciliation["reason"];
export type ReconcileOutcome =
  | { status: "succeeded" | "busy"; run: IndexReconciliation }
  | { status: "failed"; run: IndexReconciliation; error: unknown };

/** A run whose heartbeat is older than this is presumed dead (its process crashed) and taken over. */
const STALE_AFTER_SECONDS = 120;
const HEAD_CONCURRENCY = 8;

/**
 * Rebuilds the index from the registry itself: the catalog (scope "*") or one repository, every
 * tag (tags list, following Link headers where the registry pages), each tag's digest, then the
 * manifests and configs of digests the index does not know. Tags the registry no longer has leave
 * the index, unless they were pushed after the run started (an event already in flight is newer
 * than what this run saw). Repositories the console does not know are skipped.
 *
 * At most one run per scope at a time, across processes: the running row is the lease.
 */
export async function reconcileIndex(opts: {
  scope: string;
  reason: ReconcileReason;
  requestedById?: string | null;
}): Promise<ReconcileOutcome> {
  const run = await acquire(opts);
  if (!run.acquired) return { status: "busy", run: run.row };
  const db = getDb();
  const stats = { repositories: 0, tagsAdded: 0, tagsUpdated: 0, tagsRemoved: 0 };
  try {
    const client = getRegistryClient();
    const paths = opts.scope === "*" ? await allCatalog() : [opts.scope];
    for (const path of paths) {
      const repo = await findRepository(path);
      if (!repo) continue;
      const tags = await client.allTags(path).catch((err: unknown) => {
        if (err instanceof NotFoundError) return [] as string[];
        throw err;
      });
      const digests = await mapLimit(tags, HEAD_CONCURRENCY, async (tag) => ({
        tag,
        head: await client.headManifest(path, tag),
      }));
      const found = digests.filter((d) => d.head && d.head.digest);
      const res = await db.execute<{ added: number; updated: number; removed: number }>(sql`
        with reg as (
          select * from unnest(${pgArray(found.map((d) => d.tag))}::text[], ${pgArray(found.map((d) => d.head!.digest))}::text[], ${pgArray(found.map((d) => d.head!.mediaType))}::text[]) as x(name, digest, media_type)
        ), upserted as (
          insert into repository_tags as t (repository_id, name, digest, media_type, pushed_at)
          select ${repo.id}::uuid, reg.name, reg.digest, reg.media_type, now() from reg
          on conflict (repository_id, name) do update set digest = excluded.digest, media_type = excluded.media_type, pushed_at = excluded.pushed_at, pushed_by = null
            where t.digest <> excluded.digest and t.pushed_at < ${run.row.startedAt}
          returning (xmax = 0) as inserted
        ), removed as (
          delete from repository_tags t where t.repository_id = ${repo.id}::uuid and t.pushed_at < ${run.row.startedAt}
            and not exists (select 1 from reg where reg.name = t.name)
          returning 1
        )
        select (select count(*) filter (where inserted) from upserted)::int as added,
               (select count(*) filter (where not inserted) from upserted)::int as updated,
               (select count(*) from removed)::int as removed`);
      const r = res.rows[0]!;
      stats.repositories += 1;
      stats.tagsAdded += r.added;
      stats.tagsUpdated += r.updated;
      stats.tagsRemoved += r.removed;
      await indexManifests(found.map((d) => ({ repository: path, digest: d.head!.digest })));
      await db
        .update(indexReconciliations)
        .set({ heartbeatAt: new Date(), ...stats })
        .where(eq(indexReconciliations.id, run.row.id));
    }
    const [done] = await db
      .update(indexReconciliations)
      .set({ status: "succeeded", finishedAt: new Date(), heartbeatAt: new Date(), ...stats })
      .where(eq(indexReconciliations.id, run.row.id))
      .returning();
    logger.info("index reconciled", { scope: opts.scope, reason: opts.reason, ...stats });
    return { status: "succeeded", run: done! };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.warn("index reconciliation failed", { scope: opts.scope, reason: opts.reason, error: message });
    const [failed] = await db
      .update(indexReconciliations)
      .set({ status: "failed", finishedAt: new Date(), error: message.slice(0, 500), ...stats })
      .where(eq(indexReconciliations.id, run.row.id))
      .returning();
    return { status: "failed", run: failed!, error: err };
  }
}

async function acquire(opts: {
  scope: string;
  reason: ReconcileReason;
  requestedById?: string | null;
}): Promise<{ acquired: true; row: IndexReconciliation } | { acquired: false; row: IndexReconciliation }> {
  const db = getDb();
  // A crashed process's run is closed first, so its lease does not block the scope forever.
  await db
    .update(indexReconciliations)
    .set({ status: "failed", finishedAt: new Date(), error: "abandoned (no heartbeat)" })
    .where(
      and(
        eq(indexReconciliations.scope, opts.scope),
        eq(indexReconciliations.status, "running"),
        lt(indexReconciliations.heartbeatAt, sql`now() - make_interval(secs => ${STALE_AFTER_SECONDS})`),
      ),
    );
  const [row] = await db
    .insert(indexReconciliations)
    .values({ scope: opts.scope, reason: opts.reason, requestedById: opts.requestedById ?? null })
    .onConflictDoNothing({ target: indexReconciliations.scope, where: sql`${indexReconciliations.status} = 'running'` })
    .returning();
  if (row) return { acquired: true, row };
  const [running] = await db
    .select()
    .from(indexReconciliations)
    .where(and(eq(indexReconciliations.scope, opts.scope), eq(indexReconciliations.status, "running")))
    .limit(1);
  if (running) return { acquired: false, row: running };
  return acquire(opts); // it finished between the insert and the select
}

async function allCatalog(): Promise<string[]> {
  const client = getRegistryClient();
  const out: string[] = [];
  let last: string | undefined;
  for (;;) {
    const page = await client.catalog({ n: 1000, last });
    out.push(...page.repositories);
    if (!page.next || page.next === last || page.repositories.length === 0) return out;
    last = page.next;
  }
}

async function findRepository(path: string): Promise<{ id: string } | null> {
  const parts = splitRepositoryPath(path);
  if (!parts) return null;
  const { rows } = await getDb().execute<{ id: string }>(sql`
    select r.id from repositories r join namespaces n on n.id = r.namespace_id
    where n.name = ${parts.namespace} and r.name = ${parts.name} and r.status = 'active'`);
  return rows[0] ?? null;
}

/** A JS array as one bound parameter (drizzle would otherwise spread it into a list). */
function pgArray(values: string[]) {
  return sql.param(values);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
