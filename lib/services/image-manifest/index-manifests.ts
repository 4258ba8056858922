import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { imageManifests } from "@/db/schema";
import { NotFoundError, RegistryUnavailableError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getRegistryClient } from "@/lib/registry";
import { summarizeManifest } from "@/lib/registry/inspect";

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
 * Fetches what the index stores about each digest (sizes, platforms, layer counts) from the
 * registry and saves it once: a digest's content never changes, so known digests are skipped.
 * A manifest that is gone (deleted since) is skipped; an unreachable registry stops the round
 * and the digests stay pending for the next sweep.
 */
export async function indexManifests(refs: ManifestRef[]): Promise<{ indexed: number; pending: number }> {
  const db = getDb();
  const unique = [...new Map(refs.map((r) => [r.digest, r])).values()];
  if (unique.length === 0) return { indexed: 0, pending: 0 };
  const known = await db.execute<{ digest: string }>(
    sql`select digest from ${imageManifests} where digest in ${unique.map((r) => r.digest)}`,
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
          const s = await summarizeManifest(client, ref.repository, ref.digest);
          await db
            .insert(imageManifests)
            .values({
              digest: s.digest,
              mediaType: s.mediaType,
              kind: s.kind,
              size: s.size,
              platforms: s.platforms,
              configDigest: s.configDigest,
              imageCreatedAt: s.imageCreatedAt,
              layerCount: s.layerCount,
            })
            .onConflictDoNothing();
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

/** Tags whose digest the index has not described yet (a missed or failed round), a batch at a time. */
export async function indexMissingManifests(limit = 500): Promise<{ indexed: number; pending: number }> {
  const { rows } = await getDb().execute<ManifestRef>(sql`
    select distinct on (t.digest) t.digest, n.name || '/' || r.name as repository
    from repository_tags t
    join repositories r on r.id = t.repository_id and r.status = 'active'
    join namespaces n on n.id = r.namespace_id
    where not exists (select 1 from image_manifests m where m.digest = t.digest)
    limit ${limit}`);
  return indexManifests(rows);
}
