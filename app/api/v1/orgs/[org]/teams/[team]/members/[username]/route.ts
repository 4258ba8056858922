// PUT|DELETE /api/v1/orgs/{org}/teams/{team}/members/{username} — put someone on a team, or take them off.
import { handle } from "@/lib/api/handle";
import { addTeamMemberEndpoint, removeTeamMemberEndpoint } from "@/lib/api/endpoints/teams";

export const dynamic = "force-dynamic";
export const PUT = handle(addTeamMemberEndpoint);
export const DELETE = handle(removeTeamMemberEndpoint);
