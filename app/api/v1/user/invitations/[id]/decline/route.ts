// POST /api/v1/user/invitations/{id}/decline — decline an invitation.
import { handle } from "@/lib/api/handle";
import { declineInvitationEndpoint } from "@/lib/api/endpoints/invitations";

export const dynamic = "force-dynamic";
export const POST = handle(declineInvitationEndpoint);
