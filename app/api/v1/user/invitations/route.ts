// GET /api/v1/user/invitations — invitations addressed to the token's user.
import { handle } from "@/lib/api/handle";
import { listUserInvitationsEndpoint } from "@/lib/api/endpoints/invitations";

export const dynamic = "force-dynamic";
export const GET = handle(listUserInvitationsEndpoint);
