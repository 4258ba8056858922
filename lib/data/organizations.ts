import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import {
  namespaces,
  organizationInvitations,
  organizationMembers,
  organizations,
  repositories,
  teamMembers,
  teamRepositoryPermissions,
  teams,
  users,
} from "@/db/schema";
import type { OrgGrant } from "@/lib/authz/rules/repository-permissions";
import type { OrgMembership } from "@/lib/authz/rules/organization-access";
import { ownsOrganization } from "@/lib/authz/rules/sql-rules";
import { cachedAccess } from "./access-cache";

export type { OrgMembership };

/** The caller's standing in an organization (by name); null when there is no such organization. */
export async function getOrgMembership(orgName: string, userId: string): Promise<OrgMembership | null> {
  const [row] = await getDb()
    .select({
      organizationId: organizations.namespaceId,
      name: namespaces.name,
      isMember: sql<boolean>`exists(select 1 from ${organizationMembers} m where m.organization_id = ${organizations.namespaceId} and m.user_id = ${userId})`,
      isOwner: ownsOrganization(organizations.namespaceId, userId),
    })
    .from(organizations)
    .innerJoin(namespaces, eq(namespaces.id, organizations.namespaceId))
    .where(eq(namespaces.name, orgName))
    .limit(1);
  return row ?? null;
}

/**
 * What a user's teams give them on one repository of an organization (or, for a repository that
 * does not exist yet, only whether they are an owner): the input of lib/authz's role rules.
 */
export async function getOrgGrant(
  organizationId: string,
  userId: string,
  repositoryId: string | null,
): Promise<OrgGrant> {
  // Cached until any organization, team or membership changes (lib/data/access-cache.ts).
  return cachedAccess(`grant:${organizationId}:${userId}:${repositoryId ?? ""}`, () =>
    loadOrgGrant(organizationId, userId, repositoryId),
  );
}

async function loadOrgGrant(organizationId: string, userId: string, repositoryId: string | null): Promise<OrgGrant> {
  const rank = repositoryId
    ? sql<
        number | null
      >`(select max(case p.permission when 'read' then 1 when 'write' then 2 else 3 end) from ${teamRepositoryPermissions} p join ${teamMembers} tm on tm.team_id = p.team_id where p.repository_id = ${repositoryId} and tm.user_id = ${userId})`
    : sql<number | null>`null`;
  const [row] = await getDb()
    .select({
      isOwner: ownsOrganization(organizationId, userId),
      rank,
    })
    .from(organizations)
    .where(eq(organizations.namespaceId, organizationId));
  const r = row?.rank ?? null;
  return { isOwner: row?.isOwner ?? false, teamRole: r === null ? null : r >= 3 ? "admin" : r >= 2 ? "write" : "read" };
}

/** Organizations the user belongs to, for the account switcher and `GET /api/v1/orgs`. */
export async function listMyOrganizations(userId: string) {
  return getDb()
    .select({
      name: namespaces.name,
      displayName: organizations.displayName,
      isOwner: ownsOrganization(organizations.namespaceId, userId),
    })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.namespaceId, organizationMembers.organizationId))
    .innerJoin(namespaces, eq(namespaces.id, organizations.namespaceId))
    .where(eq(organizationMembers.userId, userId))
    .orderBy(asc(namespaces.name));
}

export async function countPrivateRepositories(namespaceId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(repositories)
    .where(and(eq(repositories.namespaceId, namespaceId), eq(repositories.visibility, "private")));
  return row?.n ?? 0;
}

export async function getPrivateRepoQuota(namespaceId: string): Promise<number | null> {
  const [row] = await getDb()
    .select({ quota: organizations.privateRepoQuota })
    .from(organizations)
    .where(eq(organizations.namespaceId, namespaceId))
    .limit(1);
  return row?.quota ?? null;
}

/**
 * Members with whether they own the organization, for the members page (members only). `page`
 * limits it to one page (the API's), in username order like the full list.
 */
export async function listOrgMembers(organizationId: string, page?: { limit: number; offset: number }) {
  const q = getDb()
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      joinedAt: organizationMembers.joinedAt,
      isOwner: ownsOrganization(organizationId, users.id),
    })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(organizationMembers.organizationId, organizationId))
    .orderBy(asc(users.username))
    .$dynamic();
  return page ? q.limit(page.limit).offset(page.offset) : q;
}

export async function countOrgMembers(organizationId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(organizationMembers)
    .where(eq(organizationMembers.organizationId, organizationId));
  return row?.n ?? 0;
}

export async function listOrgTeams(organizationId: string) {
  return getDb()
    .select({
      id: teams.id,
      name: teams.name,
      description: teams.description,
      isOwners: teams.isOwners,
      members: sql<number>`(select count(*)::int from ${teamMembers} tm where tm.team_id = ${teams.id})`,
    })
    .from(teams)
    .where(eq(teams.organizationId, organizationId))
    .orderBy(sql`${teams.isOwners} desc`, asc(teams.name));
}

const inviteeUsers = alias(users, "invitee");
const inviters = alias(users, "inviter");

/** Invitations addressed to the user (by account or email), with who sent them and to what. */
export async function listPendingInvitationsFor(userId: string, email: string) {
  return getDb()
    .select({
      id: organizationInvitations.id,
      organization: namespaces.name,
      organizationDisplayName: organizations.displayName,
      invitedBy: inviters.username,
      team: teams.name,
      createdAt: organizationInvitations.createdAt,
      expiresAt: organizationInvitations.expiresAt,
    })
    .from(organizationInvitations)
    .innerJoin(namespaces, eq(namespaces.id, organizationInvitations.organizationId))
    .innerJoin(organizations, eq(organizations.namespaceId, organizationInvitations.organizationId))
    .leftJoin(inviters, eq(inviters.id, organizationInvitations.invitedById))
    .leftJoin(teams, eq(teams.id, organizationInvitations.teamId))
    .where(
      and(
        eq(organizationInvitations.status, "pending"),
        sql`${organizationInvitations.expiresAt} > now()`,
        sql`(${organizationInvitations.inviteeUserId} = ${userId} or lower(${organizationInvitations.inviteeEmail}) = ${email.toLowerCase()})`,
      ),
    )
    .orderBy(desc(organizationInvitations.createdAt), asc(organizationInvitations.id));
}

// Pending and unexpired: what the invitee can still accept.
function orgInvitations() {
  return getDb()
    .select({
      id: organizationInvitations.id,
      organization: namespaces.name,
      inviteeUsername: inviteeUsers.username,
      inviteeEmail: organizationInvitations.inviteeEmail,
      invitedBy: inviters.username,
      team: teams.name,
      createdAt: organizationInvitations.createdAt,
      expiresAt: organizationInvitations.expiresAt,
    })
    .from(organizationInvitations)
    .innerJoin(namespaces, eq(namespaces.id, organizationInvitations.organizationId))
    .leftJoin(inviteeUsers, eq(inviteeUsers.id, organizationInvitations.inviteeUserId))
    .leftJoin(inviters, eq(inviters.id, organizationInvitations.invitedById))
    .leftJoin(teams, eq(teams.id, organizationInvitations.teamId))
    .$dynamic();
}
const pending = and(eq(organizationInvitations.status, "pending"), sql`${organizationInvitations.expiresAt} > now()`);

/** An organization's pending invitations, newest first (owners only, as the services decide). */
export async function listOrgInvitations(organizationId: string) {
  return orgInvitations()
    .where(and(eq(organizationInvitations.organizationId, organizationId), pending))
    .orderBy(desc(organizationInvitations.createdAt), asc(organizationInvitations.id));
}

export async function getOrgInvitation(invitationId: string) {
  const [row] = await orgInvitations()
    .where(and(eq(organizationInvitations.id, invitationId), pending))
    .limit(1);
  return row ?? null;
}

/** A team's id by its name (names are unique in an organization). */
export async function getTeamIdByName(organizationId: string, name: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.organizationId, organizationId), eq(teams.name, name)))
    .limit(1);
  return row?.id ?? null;
}

export type OrganizationProfile = {
  id: string;
  name: string;
  displayName: string | null;
  company: string | null;
  location: string | null;
  website: string | null;
  defaultVisibility: "public" | "private";
  privateRepoQuota: number | null;
  createdAt: Date;
};

/** An organization's public profile and settings (the settings part is shown to owners only by the page). */
export async function getOrganization(orgName: string): Promise<OrganizationProfile | null> {
  const [row] = await getDb()
    .select({
      id: organizations.namespaceId,
      name: namespaces.name,
      displayName: organizations.displayName,
      company: organizations.company,
      location: organizations.location,
      website: organizations.website,
      defaultVisibility: namespaces.defaultVisibility,
      privateRepoQuota: organizations.privateRepoQuota,
      createdAt: organizations.createdAt,
    })
    .from(organizations)
    .innerJoin(namespaces, eq(namespaces.id, organizations.namespaceId))
    .where(eq(namespaces.name, orgName.toLowerCase()))
    .limit(1);
  return row ?? null;
}

/** A team with its members and repository permissions (for members of the organization). */
export async function getTeamDetail(organizationId: string, teamId: string) {
  const db = getDb();
  const [team] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.organizationId, organizationId)))
    .limit(1);
  if (!team) return null;
  const members = await db
    .select({ userId: users.id, username: users.username })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(users.username));
  const permissions = await db
    .select({ repository: repositories.name, permission: teamRepositoryPermissions.permission })
    .from(teamRepositoryPermissions)
    .innerJoin(repositories, eq(repositories.id, teamRepositoryPermissions.repositoryId))
    .where(eq(teamRepositoryPermissions.teamId, teamId))
    .orderBy(asc(repositories.name));
  return { ...team, members, permissions };
}

/** Teams that have a permission on one repository (the Collaborators tab). */
export async function listRepositoryTeams(repositoryId: string) {
  return getDb()
    .select({
      teamId: teams.id,
      team: teams.name,
      permission: teamRepositoryPermissions.permission,
      members: sql<number>`(select count(*)::int from ${teamMembers} tm where tm.team_id = ${teams.id})`,
    })
    .from(teamRepositoryPermissions)
    .innerJoin(teams, eq(teams.id, teamRepositoryPermissions.teamId))
    .where(eq(teamRepositoryPermissions.repositoryId, repositoryId))
    .orderBy(asc(teams.name));
}
