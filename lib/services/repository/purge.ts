import "server-only";
import { and, eq } from "drizzle-orm";
import { withClientTransaction } from "@/db";
import { repositories, repositoryTags } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { NotFoundError } from "@/lib/errors";
import { getRegistryClient } from "@/lib/registry";

async function ignoreMissing<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/**
 * Removes every manifest of a repository that is marked `deleting` from the registry (each tag's
 * digest and, for multi-platform indexes, their platform manifests), then its row. Idempotent:
 * when the registry fails midway the row stays `deleting` and a later call picks up where this
 * one stopped; nothing is ever half-visible, because a deleting repository serves no pulls.
 */
export async function purgeRepository(repo: { id: string; path: string }): Promise<void> {
  const client = getRegistryClient();
  const tags = (await ignoreMissing(client.allTags(repo.path))) ?? [];
  const digests = new Set<string>();
  for (const tag of tags) {
    const manifest = await ignoreMissing(client.getManifest(repo.path, tag));
    if (!manifest) continue;
    if (manifest.kind === "index") for (const child of manifest.manifest.manifests) digests.add(child.digest);
    digests.add(manifest.digest);
  }
  for (const digest of digests) await ignoreMissing(client.deleteManifest(repo.path, digest));
  // The registry is reporting those deletes meanwhile, and recording one deletes tag rows and then
  // updates the repository row (tag_count). Deleting the repository first and its tags by cascade
  // takes the same locks the other way round: a deadlock (seen in a full test run). So the tags go
  // first, then the row, in one transaction that is retried if PostgreSQL still picks it to abort.
  await withClientTransaction(
    async (_client, db) => {
      await db.delete(repositoryTags).where(eq(repositoryTags.repositoryId, repo.id));
      await db.delete(repositories).where(and(eq(repositories.id, repo.id), eq(repositories.status, "deleting")));
      accessChanged(db);
    },
    { retries: 3 },
  );
}
