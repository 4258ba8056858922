import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { organizationMembers, teamMembers, users } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { ValidationError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { findTeam } from "./find-team";

/** Adds an organization member to a team (owners only; people join the organization by invitation). */
export async function addTeamMember(input: {
  org: string;
  actorId: string;
  teamId: string;
  username: string;
}): Promise<void> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  const team = await findTeam(m.organizationId, input.teamId);
  const db = getDb();
  const [member] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(
      organizationMembers,
      and(eq(organizationMembers.userId, users.id), eq(organizationMembers.organizationId, m.organizationId)),
    )
    .where(eq(users.username, input.username))
    .limit(1);
  if (!member)
    throw new ValidationError("Please correct the highlighted fields.", {
      username: ["Not a member of this organization: invite them first"],
    });
  await db.insert(teamMembers).values({ teamId: team.id, userId: member.id }).onConflictDoNothing();
  accessChanged(db);
}
