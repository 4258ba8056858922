// PUT|DELETE /api/v1/orgs/{org}/teams/{team}/repositories/{repository} — a team's permission on a repository.
import { handle } from "@/lib/api/handle";
import { removeTeamRepositoryPermissionEndpoint, setTeamRepositoryPermissionEndpoint } from "@/lib/api/endpoints/teams";

export const dynamic = "force-dynamic";
export const PUT = handle(setTeamRepositoryPermissionEndpoint);
export const DELETE = handle(removeTeamRepositoryPermissionEndpoint);
