import "server-only";
import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginateAll } from "@/lib/api/pagination";
import { getTeamDetail, getTeamIdByName, listOrgTeams } from "@/lib/data/organizations";
import { NotFoundError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { addTeamMember } from "@/lib/services/team/add-member";
import { createTeam } from "@/lib/services/team/create";
import { deleteTeam } from "@/lib/services/team/delete";
import { removeTeamMember } from "@/lib/services/team/remove-member";
import { setTeamRepositoryPermission } from "@/lib/services/team/set-repository-permission";
import { updateTeam } from "@/lib/services/team/update";
import {
  createTeamBody,
  listQuery,
  orgParams,
  teamDetailResource,
  teamMemberParams,
  teamParams,
  teamRepositoryBody,
  teamRepositoryParams,
  teamResource,
  updateTeamBody,
} from "@/lib/validations/api/organizations";

/**
 * The id of a team named in the path. Members only, as on the console's team pages: outsiders get
 * the organization's NotFound from the same check the services use, before any team name is
 * looked at, so they cannot probe which teams exist. The services then check ownership themselves.
 */
async function teamIn(org: string, userId: string, name: string): Promise<{ organizationId: string; teamId: string }> {
  const m = await requireOrgRole(org, userId, "member");
  const teamId = await getTeamIdByName(m.organizationId, name);
  if (!teamId) throw new NotFoundError("Team not found", { team: name });
  return { organizationId: m.organizationId, teamId };
}

async function teamJson(organizationId: string, teamId: string): Promise<z.input<typeof teamDetailResource>> {
  const t = await getTeamDetail(organizationId, teamId);
  if (!t) throw new NotFoundError("Team not found");
  return {
    name: t.name,
    description: t.description,
    owners_team: t.isOwners,
    member_count: t.members.length,
    created_at: t.createdAt.toISOString(),
    members: t.members.map((m) => ({ username: m.username })),
    repositories: t.permissions.map((p) => ({ name: p.repository, permission: p.permission })),
  };
}

export const listTeamsEndpoint = endpoint({
  operationId: "listTeams",
  method: "GET",
  path: "/orgs/{org}/teams",
  tag: "Teams",
  summary: "List an organization's teams, the owners team first (members)",
  scope: "read",
  params: orgParams,
  query: listQuery,
  status: 200,
  response: pageOf(teamResource),
  handler: async ({ params, query, actor, url }) => {
    const m = await requireOrgRole(params.org, actor.userId, "member");
    const teams = (await listOrgTeams(m.organizationId)).map((t) => ({
      name: t.name,
      description: t.description,
      owners_team: t.isOwners,
      member_count: t.members,
    }));
    return paginateAll(url, query.page, query.page_size, teams);
  },
});

export const createTeamEndpoint = endpoint({
  operationId: "createTeam",
  method: "POST",
  path: "/orgs/{org}/teams",
  tag: "Teams",
  summary: "Create a team (owners)",
  description: "A name already used in the organization is a 400 on `name`.",
  scope: "write",
  params: orgParams,
  body: createTeamBody,
  status: 201,
  response: teamDetailResource,
  handler: async ({ params, body, actor }) => {
    const { id } = await createTeam({
      org: params.org,
      actorId: actor.userId,
      name: body.name,
      description: body.description,
    });
    const m = await requireOrgRole(params.org, actor.userId, "member");
    return teamJson(m.organizationId, id);
  },
});

export const getTeamEndpoint = endpoint({
  operationId: "getTeam",
  method: "GET",
  path: "/orgs/{org}/teams/{team}",
  tag: "Teams",
  summary: "Get a team with its members and repository permissions (members)",
  scope: "read",
  params: teamParams,
  status: 200,
  response: teamDetailResource,
  handler: async ({ params, actor }) => {
    const { organizationId, teamId } = await teamIn(params.org, actor.userId, params.team);
    return teamJson(organizationId, teamId);
  },
});

export const updateTeamEndpoint = endpoint({
  operationId: "updateTeam",
  method: "PATCH",
  path: "/orgs/{org}/teams/{team}",
  tag: "Teams",
  summary: "Rename a team or change its description (owners)",
  description: "Renaming changes the team's URL. The owners team cannot be renamed (403).",
  scope: "write",
  params: teamParams,
  body: updateTeamBody,
  status: 200,
  response: teamDetailResource,
  handler: async ({ params, body, actor }) => {
    const { organizationId, teamId } = await teamIn(params.org, actor.userId, params.team);
    const before = await getTeamDetail(organizationId, teamId);
    if (!before) throw new NotFoundError("Team not found");
    await updateTeam({
      org: params.org,
      actorId: actor.userId,
      teamId,
      name: body.name ?? before.name,
      description: body.description ?? before.description,
    });
    return teamJson(organizationId, teamId);
  },
});

export const deleteTeamEndpoint = endpoint({
  operationId: "deleteTeam",
  method: "DELETE",
  path: "/orgs/{org}/teams/{team}",
  tag: "Teams",
  summary: "Delete a team and its repository permissions (owners); its members stay in the organization",
  description: "The owners team cannot be deleted (403). A team that is already gone is a 404.",
  scope: "write",
  params: teamParams,
  status: 204,
  response: null,
  handler: async ({ params, actor }) => {
    const { teamId } = await teamIn(params.org, actor.userId, params.team);
    await deleteTeam({ org: params.org, actorId: actor.userId, teamId });
  },
});

export const addTeamMemberEndpoint = endpoint({
  operationId: "addTeamMember",
  method: "PUT",
  path: "/orgs/{org}/teams/{team}/members/{username}",
  tag: "Teams",
  summary: "Put an organization member on a team (owners); already on it is a success",
  description:
    "Only members of the organization can join its teams: invite others first (400 on `username`). Adding someone to the owners team makes them an owner.",
  scope: "write",
  params: teamMemberParams,
  status: 204,
  response: null,
  handler: async ({ params, actor }) => {
    const { teamId } = await teamIn(params.org, actor.userId, params.team);
    await addTeamMember({ org: params.org, actorId: actor.userId, teamId, username: params.username });
  },
});

export const removeTeamMemberEndpoint = endpoint({
  operationId: "removeTeamMember",
  method: "DELETE",
  path: "/orgs/{org}/teams/{team}/members/{username}",
  tag: "Teams",
  summary: "Take someone off a team (owners); they stay in the organization",
  description: "The last member of the owners team cannot be removed (409 CONFLICT). Someone not on the team is a 404.",
  scope: "write",
  params: teamMemberParams,
  status: 204,
  response: null,
  handler: async ({ params, actor }) => {
    const { teamId } = await teamIn(params.org, actor.userId, params.team);
    await removeTeamMember({ org: params.org, actorId: actor.userId, teamId, username: params.username });
  },
});

export const setTeamRepositoryPermissionEndpoint = endpoint({
  operationId: "setTeamRepositoryPermission",
  method: "PUT",
  path: "/orgs/{org}/teams/{team}/repositories/{repository}",
  tag: "Teams",
  summary:
    "Give a team read, write or admin on one of the organization's repositories (owners); replaces any earlier permission",
  scope: "write",
  params: teamRepositoryParams,
  body: teamRepositoryBody,
  status: 204,
  response: null,
  handler: async ({ params, body, actor, ip }) => {
    const { teamId } = await teamIn(params.org, actor.userId, params.team);
    await setTeamRepositoryPermission({
      org: params.org,
      actorId: actor.userId,
      teamId,
      repository: params.repository,
      permission: body.permission,
      ip,
    });
  },
});

export const removeTeamRepositoryPermissionEndpoint = endpoint({
  operationId: "removeTeamRepositoryPermission",
  method: "DELETE",
  path: "/orgs/{org}/teams/{team}/repositories/{repository}",
  tag: "Teams",
  summary: "Remove a team's access to a repository (owners)",
  description: "A team without access to it (or a repository that does not exist) is a 404.",
  scope: "write",
  params: teamRepositoryParams,
  status: 204,
  response: null,
  handler: async ({ params, actor, ip }) => {
    const { teamId } = await teamIn(params.org, actor.userId, params.team);
    await setTeamRepositoryPermission({
      org: params.org,
      actorId: actor.userId,
      teamId,
      repository: params.repository,
      permission: "none",
      ip,
    });
  },
});

export const teamEndpoints = [
  listTeamsEndpoint,
  createTeamEndpoint,
  getTeamEndpoint,
  updateTeamEndpoint,
  deleteTeamEndpoint,
  addTeamMemberEndpoint,
  removeTeamMemberEndpoint,
  setTeamRepositoryPermissionEndpoint,
  removeTeamRepositoryPermissionEndpoint,
];
