// GET|PATCH|DELETE /api/v1/orgs/{org}/teams/{team} — one team, by name.
import { handle } from "@/lib/api/handle";
import { deleteTeamEndpoint, getTeamEndpoint, updateTeamEndpoint } from "@/lib/api/endpoints/teams";

export const dynamic = "force-dynamic";
export const GET = handle(getTeamEndpoint);
export const PATCH = handle(updateTeamEndpoint);
export const DELETE = handle(deleteTeamEndpoint);
