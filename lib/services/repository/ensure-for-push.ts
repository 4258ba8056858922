import "server-only";
import { getDb } from "@/db";
import { repositories } from "@/db/schema";

/**
 * Creates `namespace/name` on the first push into it, with the namespace's default visibility
 * (Docker Hub's behaviour). Called only after the pusher's write right on the namespace was
 * established. A concurrent first push is harmless: the unique index keeps one row.
 */
export async function ensureRepositoryForPush(input: { namespaceId: string; name: string; visibility: "public" | "private"; userId: string }): Promise<void> {
  await getDb()
    .insert(repositories)
    .values({ namespaceId: input.namespaceId, name: input.name, visibility: input.visibility, createdById: input.userId })
    .onConflictDoNothing({ target: [repositories.namespaceId, repositories.name] });
}
