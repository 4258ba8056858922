import "server-only";
import { and, eq } from "drizzle-orm";
import { transaction } from "@/db";
import { teamMembers } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { getUserIdByUsername } from "@/lib/data/users";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { countOwners } from "@/lib/services/organization/count-owners";
import { findTeam } from "./find-team";

/**
 * Takes someone off a team (owners only); never the last member of the owners team. The person is
 * named by id (the UI) or username (the API). Someone not on the team is NotFound, so removing twice
 * says so instead of pretending to succeed.
 */
export async function removeTeamMember(
  input: { org: string; actorId: string; teamId: string } & ({ userId: string } | { username: string }),
): Promise<void> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  const team = await findTeam(m.organizationId, input.teamId);
  const userId = "userId" in input ? input.userId : await getUserIdByUsername(input.username);
  if (!userId) throw new NotFoundError("That person is not on this team.");
  await transaction(async (tx) => {
    accessChanged(tx);
    const removed = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, userId)))
      .returning({ userId: teamMembers.userId });
    if (removed.length === 0) throw new NotFoundError("That person is not on this team.");
    if (team.isOwners && (await countOwners(tx, m.organizationId)) === 0)
      throw new ConflictError("An organization needs at least one owner.");
  });
}
