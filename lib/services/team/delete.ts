import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { teams } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { ForbiddenError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { teamAbilities } from "@/lib/authz/rules/organization-access";
import { findTeam } from "./find-team";

/** Deletes a team and its repository permissions (cascade); the owners team stays. */
export async function deleteTeam(input: { org: string; actorId: string; teamId: string }): Promise<void> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  const team = await findTeam(m.organizationId, input.teamId);
  if (!teamAbilities(m, team).editOrDelete) throw new ForbiddenError("The owners team cannot be deleted.");
  await getDb().delete(teams).where(eq(teams.id, team.id));
  accessChanged(getDb());
}
