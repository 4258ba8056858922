import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { repositories, repositoryStars } from "@/db/schema";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { viewRepository } from "@/lib/authz/repository-viewer";
import { NotFoundError } from "@/lib/errors";

/**
 * Stars or unstars a repository the user can see. The row and the counter change in one
 * transaction, and only when the row really changed, so the count never drifts.
 */
export async function setStar(
  actor: Actor & { kind: "user" },
  input: { namespace: string; name: string; starred: boolean },
): Promise<{ starCount: number }> {
  const view = await viewRepository(actor, input.namespace, input.name);
  if (!view) throw new NotFoundError("Repository not found");
  const repoId = view.repo.id;
  return transaction(async (tx) => {
    const changed = input.starred
      ? await tx
          .insert(repositoryStars)
          .values({ userId: actor.userId, repositoryId: repoId })
          .onConflictDoNothing()
          .returning({ id: repositoryStars.repositoryId })
      : await tx
          .delete(repositoryStars)
          .where(and(eq(repositoryStars.userId, actor.userId), eq(repositoryStars.repositoryId, repoId)))
          .returning({ id: repositoryStars.repositoryId });
    const delta = changed.length === 0 ? 0 : input.starred ? 1 : -1;
    const [row] = await tx
      .update(repositories)
      .set({ starCount: sql`greatest(0, ${repositories.starCount} + ${delta})` })
      .where(eq(repositories.id, repoId))
      .returning({ starCount: repositories.starCount });
    return { starCount: row?.starCount ?? 0 };
  });
}
