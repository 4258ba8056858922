import "server-only";
import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginateAll } from "@/lib/api/pagination";
import { getOrgInvitation, listOrgInvitations, listPendingInvitationsFor } from "@/lib/data/organizations";
import { NotFoundError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { inviteMember } from "@/lib/services/organization/invite-member";
import { respondToInvitation } from "@/lib/services/organization/respond-to-invitation";
import {
  createdInvitationResource,
  createInvitationBody,
  invitationParams,
  invitationResource,
  listQuery,
  orgParams,
  userInvitationResource,
} from "@/lib/validations/api/organizations";

type InvitationRow = NonNullable<Awaited<ReturnType<typeof getOrgInvitation>>>;

function invitationJson(i: InvitationRow): z.input<typeof invitationResource> {
  return {
    id: i.id,
    organization: i.organization,
    invitee_username: i.inviteeUsername,
    invitee_email: i.inviteeEmail,
    invited_by: i.invitedBy,
    created_at: i.createdAt.toISOString(),
    expires_at: i.expiresAt.toISOString(),
  };
}

export const listOrganizationInvitationsEndpoint = endpoint({
  operationId: "listOrganizationInvitations",
  method: "GET",
  path: "/orgs/{org}/invitations",
  tag: "Invitations",
  summary: "List an organization's pending invitations, newest first (owners)",
  scope: "read",
  params: orgParams,
  query: listQuery,
  status: 200,
  response: pageOf(invitationResource),
  handler: async ({ params, query, actor, url }) => {
    const m = await requireOrgRole(params.org, actor.userId, "owner");
    return paginateAll(
      url,
      query.page,
      query.page_size,
      (await listOrgInvitations(m.organizationId)).map(invitationJson),
    );
  },
});

export const createOrganizationInvitationEndpoint = endpoint({
  operationId: "createOrganizationInvitation",
  method: "POST",
  path: "/orgs/{org}/invitations",
  tag: "Invitations",
  summary: "Invite someone by username or email (owners)",
  description:
    "The invitee is told in the console (and by email); nothing changes until they accept. Someone already a member is a 400 on `invitee`; a second pending invitation for the same person is a 409 CONFLICT. Invitations expire after 14 days.",
  scope: "write",
  params: orgParams,
  body: createInvitationBody,
  status: 201,
  response: createdInvitationResource,
  handler: async ({ params, body, actor, ip }) => {
    const { id, emailed } = await inviteMember({ org: params.org, actorId: actor.userId, invitee: body.invitee, ip });
    const created = await getOrgInvitation(id);
    // Only if the invitee answered within these few milliseconds.
    if (!created) throw new NotFoundError("The invitation was answered before it could be shown");
    return { ...invitationJson(created), emailed };
  },
});

export const listUserInvitationsEndpoint = endpoint({
  operationId: "listUserInvitations",
  method: "GET",
  path: "/user/invitations",
  tag: "Invitations",
  summary: "List the pending invitations addressed to the token's user (by username or by their email), newest first",
  scope: "read",
  query: listQuery,
  status: 200,
  response: pageOf(userInvitationResource),
  handler: async ({ query, principal, url }) => {
    const mine = await listPendingInvitationsFor(principal.user.id, principal.user.email);
    const items = mine.map((i) => ({
      id: i.id,
      organization: i.organization,
      created_at: i.createdAt.toISOString(),
      expires_at: i.expiresAt.toISOString(),
    }));
    return paginateAll(url, query.page, query.page_size, items);
  },
});

const respond = (accept: boolean) =>
  endpoint({
    operationId: accept ? "acceptInvitation" : "declineInvitation",
    method: "POST",
    path: `/user/invitations/{id}/${accept ? "accept" : "decline"}`,
    tag: "Invitations",
    summary: accept ? "Accept an invitation: you join the organization" : "Decline an invitation",
    description: "Invitations addressed to someone else, already answered or expired are a 404.",
    scope: "write",
    params: invitationParams,
    status: 204,
    response: null,
    handler: async ({ params, principal, ip }) => {
      await respondToInvitation({
        invitationId: params.id,
        userId: principal.user.id,
        email: principal.user.email,
        accept,
        ip,
      });
    },
  });

export const acceptInvitationEndpoint = respond(true);
export const declineInvitationEndpoint = respond(false);

export const invitationEndpoints = [
  listOrganizationInvitationsEndpoint,
  createOrganizationInvitationEndpoint,
  listUserInvitationsEndpoint,
  acceptInvitationEndpoint,
  declineInvitationEndpoint,
];
