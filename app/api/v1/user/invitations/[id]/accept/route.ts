// POST /api/v1/user/invitations/{id}/accept — join the organization.
import { handle } from "@/lib/api/handle";
import { acceptInvitationEndpoint } from "@/lib/api/endpoints/invitations";

export const dynamic = "force-dynamic";
export const POST = handle(acceptInvitationEndpoint);
