import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { actorOf } from "@/lib/auth/actor";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { repositoryCan, type RepositoryRole } from "@/lib/authz/rules/repository-permissions";
import { viewRepository } from "@/lib/authz/repository-viewer";
import type { CurrentUser } from "@/lib/data/sessions";
import type { RepositoryView } from "@/lib/data/repositories";

export type LoadedRepository = { user: CurrentUser | null; repo: RepositoryView; role: RepositoryRole };

/**
 * The repository behind `/r/[namespace]/[name]` as the signed-in user (or nobody) may see it: one
 * lookup and one access decision (lib/authz/repository-viewer) per request, however many layouts
 * and pages of the route ask. Null for a repository that does not exist, is being deleted (the
 * data layer reads active repositories only) or is private to the viewer.
 *
 * Freshness: React's `cache()` memoizes only within one server render pass — its store belongs to
 * the React Flight request being rendered, and outside one (no request in React's AsyncLocalStorage)
 * a memoized function is a plain call. Next runs a server action first, outside any render
 * (app-render/action-handler: executeActionAndPrepareForRender), and only then renders the payload
 * it returns (generateFlight: a new Flight request, so an empty cache). So the re-render after an
 * action (lib/actions/repository.ts: revalidatePath, redirect) reads what the action wrote, and nothing read
 * here outlives its request. Within one render every layout and page of the route shares one
 * snapshot — the point: before, the layout and the page could disagree mid-render.
 */
const view = cache(async (namespace: string, rawName: string): Promise<LoadedRepository | null> => {
  const user = await getCurrentUser();
  const v = await viewRepository(actorOf(user), namespace, decodeURIComponent(rawName));
  return v ? { user, ...v } : null;
});

/** The repository for its layouts and pages (params as the route gives them), or the 404 page. */
export async function loadRepository(namespace: string, rawName: string): Promise<LoadedRepository> {
  const loaded = await view(namespace, rawName);
  if (!loaded) notFound();
  return loaded;
}

/**
 * For admin-only pages (settings, webhooks): anonymous visitors are sent to sign in and back to
 * `returnTo`; everyone below admin gets the same 404 as for a repository that does not exist.
 */
export async function loadRepositoryAsAdmin(
  namespace: string,
  rawName: string,
  returnTo: string,
): Promise<LoadedRepository & { user: CurrentUser }> {
  const user = await requireUser(returnTo);
  const loaded = await view(namespace, rawName);
  if (!loaded || !repositoryCan(loaded.role, "manageSettings")) notFound();
  return { ...loaded, user };
}
