// GET|POST /api/v1/orgs/{org}/teams — the organization's teams, and creating one.
import { handle } from "@/lib/api/handle";
import { createTeamEndpoint, listTeamsEndpoint } from "@/lib/api/endpoints/teams";

export const dynamic = "force-dynamic";
export const GET = handle(listTeamsEndpoint);
export const POST = handle(createTeamEndpoint);
