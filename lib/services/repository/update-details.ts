import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Database, type Transaction } from "@/db";
import { repositories } from "@/db/schema";
import { roleAtLeast, type Actor } from "@/lib/authz/repository-permissions";
import { viewRepository } from "@/lib/authz/repository-viewer";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

/**
 * Edits the short description and the Markdown overview (admins of the repository). With `db` a
 * transaction, the edit commits or rolls back with the caller's other changes (update.ts).
 */
export async function updateRepositoryDetails(actor: Actor, input: { namespace: string; name: string; description: string; overview: string }, db: Database | Transaction = getDb()): Promise<void> {
  const view = await viewRepository(actor, input.namespace, input.name);
  if (!view) throw new NotFoundError("Repository not found");
  if (!roleAtLeast(view.role, "admin")) throw new ForbiddenError("Only admins of this repository can edit it.");
  await db.update(repositories).set({ description: input.description, overview: input.overview, updatedAt: new Date() }).where(eq(repositories.id, view.repo.id));
}
