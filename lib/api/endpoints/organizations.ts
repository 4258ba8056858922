import "server-only";
import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginate, paginateAll } from "@/lib/api/pagination";
import {
  countOrgMembers,
  countPrivateRepositories,
  getOrganization,
  getOrgMembership,
  listMyOrganizations,
  listOrgMembers,
} from "@/lib/data/organizations";
import { getEnv } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { isOrgMember, isOrgOwner, orgRoleOf } from "@/lib/authz/rules/organization-access";
import { createOrganization } from "@/lib/services/organization/create";
import { deleteOrganization } from "@/lib/services/organization/delete";
import { removeOrgMember } from "@/lib/services/organization/remove-member";
import { updateOrgSettings } from "@/lib/services/organization/update-settings";
import {
  createOrganizationBody,
  deleteOrganizationBody,
  listQuery,
  memberResource,
  orgMemberParams,
  orgParams,
  organizationResource,
  organizationSummaryResource,
  updateOrganizationBody,
} from "@/lib/validations/api/organizations";

const orgUrl = (name: string) => new URL(`/orgs/${name}`, getEnv().CONSOLE_URL).toString();

/**
 * An organization as the user may see it, tiered the way the console's pages are: the profile
 * header (name, display name, location) for everyone, the private-repository line for members,
 * the settings for owners.
 */
async function organizationJson(orgName: string, userId: string): Promise<z.input<typeof organizationResource>> {
  const org = await getOrganization(orgName);
  if (!org) throw new NotFoundError("Organization not found");
  const m = await getOrgMembership(org.name, userId);
  const role = orgRoleOf(m);
  const json: z.input<typeof organizationResource> = {
    name: org.name,
    display_name: org.displayName,
    location: org.location,
    url: orgUrl(org.name),
    role,
  };
  if (!isOrgMember(m)) return json;
  Object.assign(json, {
    created_at: org.createdAt.toISOString(),
    private_repo_count: await countPrivateRepositories(org.id),
    private_repo_quota: org.privateRepoQuota,
  });
  if (isOrgOwner(m))
    Object.assign(json, { company: org.company, website: org.website, default_visibility: org.defaultVisibility });
  return json;
}

export const listOrganizationsEndpoint = endpoint({
  operationId: "listOrganizations",
  method: "GET",
  path: "/orgs",
  tag: "Organizations",
  summary: "List the organizations the token's user belongs to",
  scope: "read",
  query: listQuery,
  status: 200,
  response: pageOf(organizationSummaryResource),
  handler: async ({ query, actor, url }) => {
    const mine = await listMyOrganizations(actor.userId);
    const items = mine.map((o) => ({
      name: o.name,
      display_name: o.displayName,
      role: o.isOwner ? ("owner" as const) : ("member" as const),
      url: orgUrl(o.name),
    }));
    return paginateAll(url, query.page, query.page_size, items);
  },
});

export const createOrganizationEndpoint = endpoint({
  operationId: "createOrganization",
  method: "POST",
  path: "/orgs",
  tag: "Organizations",
  summary: "Create an organization; you become its first owner",
  description: "The name is a namespace shared with usernames: a taken name is a 400 with `details.fieldErrors.name`.",
  scope: "write",
  body: createOrganizationBody,
  status: 201,
  response: organizationResource,
  handler: async ({ body, actor, ip }) => {
    const { name } = await createOrganization(actor.userId, { name: body.name, displayName: body.display_name, ip });
    return organizationJson(name, actor.userId);
  },
});

export const getOrganizationEndpoint = endpoint({
  operationId: "getOrganization",
  method: "GET",
  path: "/orgs/{org}",
  tag: "Organizations",
  summary: "Get an organization: its public profile, plus the quota for members and the settings for owners",
  scope: "read",
  params: orgParams,
  status: 200,
  response: organizationResource,
  handler: async ({ params, actor }) => organizationJson(params.org, actor.userId),
});

export const updateOrganizationEndpoint = endpoint({
  operationId: "updateOrganization",
  method: "PATCH",
  path: "/orgs/{org}",
  tag: "Organizations",
  summary: "Change an organization's profile, default visibility or private-repository quota (owners)",
  description: "Only the fields sent change. Members who are not owners get 403; people outside the organization 404.",
  scope: "write",
  params: orgParams,
  body: updateOrganizationBody,
  status: 200,
  response: organizationResource,
  handler: async ({ params, body, actor }) => {
    const before = await getOrganization(params.org);
    if (!before) throw new NotFoundError("Organization not found");
    // The service sets every field (it backs the settings form): absent ones keep their value.
    const keep = (sent: string | null | undefined, current: string | null) =>
      sent === undefined ? (current ?? "") : (sent ?? "");
    await updateOrgSettings({
      org: before.name,
      actorId: actor.userId,
      displayName: keep(body.display_name, before.displayName),
      company: keep(body.company, before.company),
      location: keep(body.location, before.location),
      website: keep(body.website, before.website),
      defaultVisibility: body.default_visibility ?? before.defaultVisibility,
      privateRepoQuota:
        body.private_repo_quota ?? (before.privateRepoQuota === null ? "" : String(before.privateRepoQuota)),
    });
    return organizationJson(before.name, actor.userId);
  },
});

export const deleteOrganizationEndpoint = endpoint({
  operationId: "deleteOrganization",
  method: "DELETE",
  path: "/orgs/{org}",
  tag: "Organizations",
  summary:
    "Delete an organization, every image of its repositories from the registry, its teams and memberships (owners)",
  description:
    "Needs the same confirmation as the console: the organization's name typed in `confirmation` and your account `password` (a wrong one is a 400 on `password`). If the registry fails midway, calling again finishes the job; once it is gone, 404.",
  scope: "delete",
  params: orgParams,
  body: deleteOrganizationBody,
  status: 204,
  response: null,
  handler: async ({ params, body, actor, ip }) => {
    await deleteOrganization({
      org: params.org,
      actorId: actor.userId,
      confirmation: body.confirmation,
      currentPassword: body.password,
      passwordField: "password",
      ip,
    });
  },
});

export const listOrganizationMembersEndpoint = endpoint({
  operationId: "listOrganizationMembers",
  method: "GET",
  path: "/orgs/{org}/members",
  tag: "Members",
  summary: "List an organization's members, by username (members)",
  scope: "read",
  params: orgParams,
  query: listQuery,
  status: 200,
  response: pageOf(memberResource),
  handler: async ({ params, query, actor, url }) => {
    const m = await requireOrgRole(params.org, actor.userId, "member");
    const [total, rows] = await Promise.all([
      countOrgMembers(m.organizationId),
      listOrgMembers(m.organizationId, { limit: query.page_size, offset: (query.page - 1) * query.page_size }),
    ]);
    const items = rows.map((r) => ({
      username: r.username,
      display_name: r.displayName,
      role: r.isOwner ? ("owner" as const) : ("member" as const),
      joined_at: r.joinedAt.toISOString(),
    }));
    return paginate(url, query.page, query.page_size, total, items);
  },
});

export const removeOrganizationMemberEndpoint = endpoint({
  operationId: "removeOrganizationMember",
  method: "DELETE",
  path: "/orgs/{org}/members/{username}",
  tag: "Members",
  summary: "Remove a member from the organization and its teams (owners), or leave it (your own username)",
  description: "The last owner can neither leave nor be removed (409 CONFLICT). Someone who is not a member is a 404.",
  scope: "write",
  params: orgMemberParams,
  status: 204,
  response: null,
  handler: async ({ params, actor, ip }) => {
    await removeOrgMember({ org: params.org, actorId: actor.userId, username: params.username, ip });
  },
});

export const organizationEndpoints = [
  listOrganizationsEndpoint,
  createOrganizationEndpoint,
  getOrganizationEndpoint,
  updateOrganizationEndpoint,
  deleteOrganizationEndpoint,
  listOrganizationMembersEndpoint,
  removeOrganizationMemberEndpoint,
];
