import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { imageManifests } from "@/db/schema";
import { NotFoundError, RegistryUnavailableError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getRegistryClient } from "@/lib/registry";
import { summarizeManifest } from "@/lib/registry/inspect";

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
  const known = await db.execute<{ digest: string }>(sql`select digest from ${imageManifests} where digest in ${unique.map((r) => r.digest)}`);
  const have = new Set(known.rows.map((r) => r.digest));
  const todo = unique.filter((r) => !have.has(r.digest));
  const client = getRegistryClient();
  let indexed = 0;
  for (const [i, ref] of todo.entries()) {
    try {
      const s = await summarizeManifest(client, ref.repository, ref.digest);
      await db
        .insert(imageManifests)
        .values({ digest: s.digest, mediaType: s.mediaType, kind: s.kind, size: s.size, platforms: s.platforms, configDigest: s.configDigest, imageCreatedAt: s.imageCreatedAt, layerCount: s.layerCount })
        .onConflictDoNothing();
      indexed += 1;
    } catch (err) {
      if (err instanceof NotFoundError) continue;
      if (err instanceof RegistryUnavailableError) return { indexed, pending: todo.length - i };
      logger.warn("could not index manifest", { repository: ref.repository, digest: ref.digest, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { indexed, pending: 0 };
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
