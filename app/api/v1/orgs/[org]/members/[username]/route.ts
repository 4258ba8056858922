// DELETE /api/v1/orgs/{org}/members/{username} — remove a member, or leave.
import { handle } from "@/lib/api/handle";
import { removeOrganizationMemberEndpoint } from "@/lib/api/endpoints/organizations";

export const dynamic = "force-dynamic";
export const DELETE = handle(removeOrganizationMemberEndpoint);
