import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { getDb } from "@/db";
import { teams } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { findTeam } from "./find-team";

/** Renames or re-describes a team; the owners team keeps its name. */
export async function updateTeam(input: {
  org: string;
  actorId: string;
  teamId: string;
  name: string;
  description: string;
}): Promise<void> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  const team = await findTeam(m.organizationId, input.teamId);
  if (team.isOwners && input.name !== team.name) throw new ForbiddenError("The owners team cannot be renamed.");
  const db = getDb();
  const clash = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.organizationId, m.organizationId), eq(teams.name, input.name), ne(teams.id, team.id)))
    .limit(1);
  if (clash.length > 0)
    throw new ValidationError("Please correct the highlighted fields.", {
      name: ["A team with this name already exists"],
    });
  await db.update(teams).set({ name: input.name, description: input.description }).where(eq(teams.id, team.id));
  accessChanged(db);
}
