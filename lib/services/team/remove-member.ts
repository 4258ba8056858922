import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { teamMembers } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/services/organization/assert-owner";
import { countOwners } from "@/lib/services/organization/count-owners";
import { findTeam } from "./find-team";

export async function removeTeamMember(input: { org: string; actorId: string; teamId: string; userId: string }): Promise<void> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  const team = await findTeam(m.organizationId, input.teamId);
  await getDb().transaction(async (tx) => {
    await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, input.userId)));
    if (team.isOwners && (await countOwners(tx, m.organizationId)) === 0) throw new ConflictError("An organization needs at least one owner.");
  });
}
