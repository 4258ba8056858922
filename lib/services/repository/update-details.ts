import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Database, type Transaction } from "@/db";
import { repositories } from "@/db/schema";
import { repositoryCan, type Actor } from "@/lib/authz/rules/repository-permissions";
import { viewRepository } from "@/lib/authz/repository-viewer";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

type DetailsInput = { namespace: string; name: string; description: string; overview: string };

/**
 * Authorizes an edit of the short description and the Markdown overview (admins of the repository)
 * and returns the write, so a caller can run it inside a transaction it opens afterwards (update.ts).
 */
export async function planDetailsChange(
  actor: Actor,
  input: DetailsInput,
): Promise<(db: Database | Transaction) => Promise<void>> {
  const view = await viewRepository(actor, input.namespace, input.name);
  if (!view) throw new NotFoundError("Repository not found");
  if (!repositoryCan(view.role, "editDetails")) throw new ForbiddenError("Only admins of this repository can edit it.");
  return async (db) => {
    await db
      .update(repositories)
      .set({ description: input.description, overview: input.overview, updatedAt: new Date() })
      .where(eq(repositories.id, view.repo.id));
  };
}

/** Edits the short description and the Markdown overview (admins of the repository). */
export async function updateRepositoryDetails(actor: Actor, input: DetailsInput): Promise<void> {
  await (
    await planDetailsChange(actor, input)
  )(getDb());
}
