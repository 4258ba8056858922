/** The caller's standing in an organization, as lib/data/organizations.ts loads it. */
export type OrgMembership = { organizationId: string; name: string; isOwner: boolean; isMember: boolean };

/**
 * Who may see an organization's insides — its members and teams, who has access to its
 * repositories: its members. Everyone else gets the same 404 as for an organization that does not
 * exist. (The services apply the same rule with errors: lib/authz/require-org-role.ts.)
 */
export function isOrgMember(membership: OrgMembership | null): membership is OrgMembership {
  return membership?.isMember === true;
}

/** Who may change an organization's settings, read its audit log and manage its teams: its owners. */
export function isOrgOwner(membership: OrgMembership | null): membership is OrgMembership {
  return membership?.isOwner === true;
}

/** The caller's role as the API and pages name it: "owner", "member" or "none". */
export function orgRoleOf(membership: Pick<OrgMembership, "isMember" | "isOwner"> | null): "owner" | "member" | "none" {
  if (!membership?.isMember) return "none";
  return membership.isOwner ? "owner" : "member";
}

/**
 * What the caller may do with one team. Owners manage teams; the built-in owners team already
 * holds everything, so it takes no repository grants and cannot be edited or deleted (the team
 * services refuse the same: lib/services/team/{update,delete,set-repository-permission}.ts).
 */
export function teamAbilities(membership: OrgMembership | null, team: { isOwners: boolean }) {
  const owner = isOrgOwner(membership);
  return {
    manageMembers: owner,
    takesRepositoryGrants: !team.isOwners,
    grantRepositories: owner && !team.isOwners,
    editOrDelete: owner && !team.isOwners,
  };
}
