import "server-only";
import { getRepository, getRepositoryAccessContext, type RepositoryView } from "@/lib/data/repositories";
import { roleAtLeast, type Actor, type RepositoryRole } from "./rules/repository-permissions";
import { resolveRepositoryRole } from "./resolve-role";

/**
 * A repository as `actor` may see it, with their role; null when it does not exist or is private
 * to them (the same answer, so pages 404 alike and leak nothing).
 */
export async function viewRepository(
  actor: Actor,
  namespace: string,
  name: string,
): Promise<{ repo: RepositoryView; role: RepositoryRole } | null> {
  const [repo, ctx] = await Promise.all([getRepository(namespace, name), getRepositoryAccessContext(namespace, name)]);
  if (!repo || !ctx.repository) return null;
  const role = await resolveRepositoryRole(actor, ctx);
  if (repo.visibility === "private" && !roleAtLeast(role, "read")) return null;
  return { repo, role };
}

/** The repository when `actor` administers it, else null (pages answer 404 either way, leaking nothing). */
export async function viewRepositoryAsAdmin(
  actor: Actor,
  namespace: string,
  name: string,
): Promise<{ repo: RepositoryView; role: RepositoryRole } | null> {
  const view = await viewRepository(actor, namespace, name);
  return view && roleAtLeast(view.role, "admin") ? view : null;
}
