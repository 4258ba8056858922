// GET|POST /api/v1/orgs/{org}/invitations — pending invitations, and inviting someone.
import { handle } from "@/lib/api/handle";
import {
  createOrganizationInvitationEndpoint,
  listOrganizationInvitationsEndpoint,
} from "@/lib/api/endpoints/invitations";

export const dynamic = "force-dynamic";
export const GET = handle(listOrganizationInvitationsEndpoint);
export const POST = handle(createOrganizationInvitationEndpoint);
