import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getTeamDetail } from "@/lib/data/organizations";
import { loadOrganizationAsMember } from "./organization";

// Per render pass only (React's `cache()`): a team action's re-render reads afresh, see lib/loaders/organization.ts.
const teamIn = cache((organizationId: string, teamId: string) => getTeamDetail(organizationId, teamId));

/**
 * The team behind `/orgs/[org]/teams/[teamId]`, for members of the organization (anonymous
 * visitors sign in and come back; non-members, malformed ids and teams of other organizations 404).
 */
export async function loadTeam(org: string, teamId: string) {
  const { user, membership } = await loadOrganizationAsMember(org, `/orgs/${org}/teams/${teamId}`);
  if (!/^[0-9a-f-]{36}$/.test(teamId)) notFound();
  const team = await teamIn(membership.organizationId, teamId);
  if (!team) notFound();
  return { user, membership, team };
}
