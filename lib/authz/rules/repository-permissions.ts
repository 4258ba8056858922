/**
 * The one rule set for who may do what with a repository, used by the registry token service,
 * the web UI and the JSON API alike. Pure functions: callers load the facts (lib/data) and ask.
 */

/** Docker Hub's repository permissions, plus the namespace owner above them. */
export type RepositoryRole = "none" | "read" | "write" | "admin" | "owner";

export type RegistryAction = "pull" | "push" | "delete";

// `ip`: where the request came from, for the audit log (never used to decide anything).
export type Actor =
  { kind: "anonymous"; ip?: string | null } | { kind: "user"; userId: string; isAdmin: boolean; ip?: string | null };

export type NamespaceFacts = { kind: "user" | "org"; ownerUserId: string | null; ownerDeactivated: boolean };

export type RepositoryFacts = { visibility: "public" | "private"; status: "active" | "deleting" } | null;

/** What the actor's membership in an organization gives them on one repository (organizations issue). */
export type OrgGrant = { isOwner: boolean; teamRole: Exclude<RepositoryRole, "owner" | "none"> | null };

const RANK: Record<RepositoryRole, number> = { none: 0, read: 1, write: 2, admin: 3, owner: 4 };

export function roleAtLeast(role: RepositoryRole, needed: RepositoryRole): boolean {
  return RANK[role] >= RANK[needed];
}

/**
 * What each repository ability needs, by name: pages show a control and services refuse by the
 * same entry, so the two cannot drift (a page hiding "Delete" for writers while the service let
 * them, or the reverse).
 */
const ABILITY_NEEDS = {
  view: "read",
  push: "write",
  deleteTags: "admin",
  rescan: "admin",
  editDetails: "admin",
  changeVisibility: "admin",
  manageWebhooks: "admin",
  // Build settings and rules (issue 23): the source credential can push images, so admins only.
  manageBuilds: "admin",
  // The Collaborators tab: who has access is shown to those who administer the repository.
  manageCollaborators: "admin",
  manageSettings: "admin",
  deleteRepository: "admin",
} as const satisfies Record<string, RepositoryRole>;

export type RepositoryAbility = keyof typeof ABILITY_NEEDS;

export function repositoryCan(role: RepositoryRole, ability: RepositoryAbility): boolean {
  return roleAtLeast(role, ABILITY_NEEDS[ability]);
}

/** The least role an ability needs (for requireRepositoryRole). */
export function roleNeededFor(ability: RepositoryAbility): RepositoryRole {
  return ABILITY_NEEDS[ability];
}

/** The actor's role on a repository (or on a namespace, for a repository that does not exist yet). */
export function repositoryRole(actor: Actor, ns: NamespaceFacts, org: OrgGrant | null = null): RepositoryRole {
  if (actor.kind !== "user") return "none";
  if (actor.isAdmin) return "owner";
  if (ns.kind === "user") return ns.ownerUserId === actor.userId ? "owner" : "none";
  if (!org) return "none";
  if (org.isOwner) return "owner";
  return org.teamRole ?? "none";
}

/**
 * Registry actions a role allows. Anyone may pull an active public repository; a repository
 * being deleted serves nobody but its deletion.
 */
export function allowedActions(role: RepositoryRole, repo: RepositoryFacts): RegistryAction[] {
  if (repo?.status === "deleting") return roleAtLeast(role, "admin") ? ["delete"] : [];
  const out = new Set<RegistryAction>();
  if (roleAtLeast(role, "read") || repo?.visibility === "public") out.add("pull");
  if (roleAtLeast(role, "write")) {
    out.add("pull");
    out.add("push");
  }
  if (roleAtLeast(role, "admin")) out.add("delete");
  // A repository that does not exist yet can only be created by a writer, and the registry wants
  // `pull` next to `push` for that; nobody else gets anything on it (no existence leak).
  if (!repo && !roleAtLeast(role, "write")) out.delete("pull");
  return [...out];
}

/** Personal access token scopes (Docker Hub's three) as registry actions. */
export const TOKEN_SCOPE_ACTIONS: Record<"read" | "read_write" | "read_write_delete", RegistryAction[]> = {
  read: ["pull"],
  read_write: ["pull", "push"],
  read_write_delete: ["pull", "push", "delete"],
};

/**
 * Whether a token of scope `held` may do everything one of scope `wanted` may (the scopes nest:
 * Read-only within Read & Write within Read, Write & Delete). A token may only create or
 * re-activate tokens it covers (lib/services/personal-access-token/assert-scope-within.ts).
 */
export function tokenScopeCovers(
  held: keyof typeof TOKEN_SCOPE_ACTIONS,
  wanted: keyof typeof TOKEN_SCOPE_ACTIONS,
): boolean {
  return TOKEN_SCOPE_ACTIONS[wanted].every((action) => TOKEN_SCOPE_ACTIONS[held].includes(action));
}
