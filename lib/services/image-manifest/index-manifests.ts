import "server-only";
import { sql } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { imageManifests, manifestReferences } from "@/db/schema";
import { NotFoundError, RegistryUnavailableError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getRegistryClient } from "@/lib/registry";
import { describeManifest, type DescribedManifest } from "@/lib/registry/inspect";

// Digests described at once by this process, across all callers (every event envelope and
// reconciliation starts its own round): two registry round trips and one insert each, so a bulk
// push of thousands of images is bound by latency, yet the registry is never flooded.
const DESCRIBE_CONCURRENCY = 8;
const slots = globalThis as unknown as { __describeSlots?: { free: number; waiting: Array<() => void> } };

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  const s = (slots.__describeSlots ??= { free: DESCRIBE_CONCURRENCY, waiting: [] });
  if (s.free > 0) s.free -= 1;
  else await new Promise<void>((resolve) => s.waiting.push(resolve));
  try {
    return await fn();
  } finally {
    const next = s.waiting.shift();
    if (next) next();
    else s.free += 1;
  }
}

export type ManifestRef = { repository: string; digest: string };

/**
 * Fetches what the index stores about each digest (sizes, platforms, layer counts, references)
 * from the registry and saves it once: a digest's content never changes, so digests described
 * with their references are skipped (rows described before references were recorded are
 * completed).
 * A manifest that is gone (deleted since) is skipped; an unreachable registry stops the round
 * and the digests stay pending for the next sweep.
 */
export async function indexManifests(refs: ManifestRef[]): Promise<{ indexed: number; pending: number }> {
  const db = getDb();
  const unique = [...new Map(refs.map((r) => [r.digest, r])).values()];
  if (unique.length === 0) return { indexed: 0, pending: 0 };
  const known = await db.execute<{ digest: string }>(
    sql`select digest from ${imageManifests} where digest in ${unique.map((r) => r.digest)} and manifest_size is not null`,
  );
  const have = new Set(known.rows.map((r) => r.digest));
  const todo = unique.filter((r) => !have.has(r.digest));
  const client = getRegistryClient();
  let indexed = 0;
  let settled = 0; // indexed, gone or failed for good: not pending
  let unavailable = false;
  let next = 0;
  const worker = async () => {
    while (!unavailable && next < todo.length) {
      const ref = todo[next++]!;
      try {
        await withSlot(async () => {
          await saveDescribed(await describeManifest(client, ref.repository, ref.digest));
        });
        indexed += 1;
        settled += 1;
      } catch (err) {
        if (err instanceof RegistryUnavailableError) {
          unavailable = true;
          return;
        }
        settled += 1;
        if (err instanceof NotFoundError) continue;
        logger.warn("could not index manifest", {
          repository: ref.repository,
          digest: ref.digest,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DESCRIBE_CONCURRENCY, todo.length) }, worker));
  return { indexed, pending: unavailable ? todo.length - settled : 0 };
}

/**
 * A manifest with its child manifests and every reference, in one transaction: the storage
 * figures never see a manifest without what it references. A row described before references
 * were recorded gets its sizes now (the only change a row ever sees); its other columns stay.
 */
async function saveDescribed(described: DescribedManifest[]): Promise<void> {
  // In digest order: two indexes sharing a child, described at once, then insert the shared rows
  // in the same order and one waits for the other instead of deadlocking.
  const manifests = described.toSorted((a, b) => (a.digest < b.digest ? -1 : 1));
  const rows = manifests.map((m) => ({
    digest: m.digest,
    mediaType: m.mediaType,
    kind: m.kind,
    size: m.size,
    platforms: m.platforms,
    configDigest: m.configDigest,
    imageCreatedAt: m.imageCreatedAt,
    layerCount: m.layerCount,
    manifestSize: m.manifestSize,
    totalSize: m.totalSize,
  }));
  const references = manifests.flatMap((m) =>
    m.references
      .toSorted((a, b) => (a.digest < b.digest ? -1 : 1))
      .map((r) => ({ manifestDigest: m.digest, digest: r.digest, kind: r.kind, size: r.size, mediaType: r.mediaType })),
  );
  await transaction(async (tx) => {
    await tx
      .insert(imageManifests)
      .values(rows)
      .onConflictDoUpdate({
        target: imageManifests.digest,
        set: { manifestSize: sql`excluded.manifest_size`, totalSize: sql`excluded.total_size` },
        setWhere: sql`${imageManifests.manifestSize} is null`,
      });
    if (references.length > 0) await tx.insert(manifestReferences).values(references).onConflictDoNothing();
  });
}

/**
 * The sweep, a batch at a time: tags whose digest the index has not described yet (a missed or
 * failed round), then manifests described before references were recorded (migration 0020) that
 * a tag still points at, so the storage figures catch up. Rows no tag points at any more are not
 * re-read: nothing says which repository still holds them.
 */
export async function indexMissingManifests(limit = 500): Promise<{ indexed: number; pending: number }> {
  const { rows: missing } = await getDb().execute<ManifestRef>(sql`
    select distinct on (t.digest) t.digest, n.name || '/' || r.name as repository
    from repository_tags t
    join repositories r on r.id = t.repository_id and r.status = 'active'
    join namespaces n on n.id = r.namespace_id
    where not exists (select 1 from image_manifests m where m.digest = t.digest)
    limit ${limit}`);
  // Driven by the partial index of rows without references: empty, and free, once caught up.
  const { rows: unreferenced } = await getDb().execute<ManifestRef>(sql`
    select m.digest, holder.repository
    from image_manifests m
    cross join lateral (
      select n.name || '/' || r.name as repository
      from repository_tags t
      join repositories r on r.id = t.repository_id and r.status = 'active'
      join namespaces n on n.id = r.namespace_id
      where t.digest = m.digest
      limit 1) holder
    where m.manifest_size is null
    limit ${limit}`);
  return indexManifests([...missing, ...unreferenced]);
}
