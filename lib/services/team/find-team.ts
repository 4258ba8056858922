import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { teams } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

/** A team of this organization (team ids from another organization are NotFound, never used). */
export async function findTeam(organizationId: string, teamId: string) {
  const [team] = await getDb()
    .select()
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.organizationId, organizationId)))
    .limit(1);
  if (!team) throw new NotFoundError("Team not found");
  return team;
}
