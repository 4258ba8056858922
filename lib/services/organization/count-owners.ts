import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { teamMembers, teams } from "@/db/schema";

/** How many owners an organization has (inside `tx`, so last-owner checks see their own changes). */
export async function countOwners(tx: Transaction, organizationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teams.organizationId, organizationId), eq(teams.isOwners, true)));
  return row?.n ?? 0;
}
