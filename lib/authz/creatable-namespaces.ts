import "server-only";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { listMyNamespaces, type NamespaceChoice } from "@/lib/data/namespaces";
import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { mayCreateRepositoryIn } from "./resolve-role";

/**
 * The namespaces the create-repository form offers: the user's own and their organizations', and
 * `requested` (the `?ns=` of a "Create repository" link) even when it is none of those — a site
 * operator on a foreign organization's page — each only where mayCreateRepositoryIn allows it, the
 * rule the create service applies. So the page offers exactly what a submit would be allowed.
 */
export async function creatableNamespaces(
  user: { id: string; username: string; isAdmin: boolean },
  requested?: string,
): Promise<NamespaceChoice[]> {
  const actor: Actor = { kind: "user", userId: user.id, isAdmin: user.isAdmin };
  const mine = await listMyNamespaces(user, user.id);
  const names = mine.map((n) => n.name);
  if (requested && !names.includes(requested)) names.push(requested);
  const allowed = await Promise.all(
    names.map(async (name) => {
      // The namespace's own context (no repository has an empty name), as the organization page asks.
      const ctx = await getRepositoryAccessContext(name, "");
      if (!ctx.namespace || !(await mayCreateRepositoryIn(actor, ctx))) return null;
      const { id, kind, defaultVisibility } = ctx.namespace;
      return { id, name: ctx.namespace.name, kind, defaultVisibility } satisfies NamespaceChoice;
    }),
  );
  return allowed.filter((n) => n !== null);
}
