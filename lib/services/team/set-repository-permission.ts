import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { repositories, teamRepositoryPermissions } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { teamAbilities } from "@/lib/authz/rules/organization-access";
import { findTeam } from "./find-team";
import { recordAudit } from "@/lib/services/audit-event/record";

/** Gives a team Read-only, Read & Write or Admin on one of the organization's repositories ("none" removes it; NotFound if it had none). */
export async function setTeamRepositoryPermission(input: {
  org: string;
  actorId: string;
  teamId: string;
  repository: string;
  permission: "read" | "write" | "admin" | "none";
  ip?: string | null;
}): Promise<void> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  const team = await findTeam(m.organizationId, input.teamId);
  if (!teamAbilities(m, team).grantRepositories)
    throw new ForbiddenError("The owners team already has every permission.");
  const db = getDb();
  const [repo] = await db
    .select({ id: repositories.id })
    .from(repositories)
    .where(and(eq(repositories.namespaceId, m.organizationId), eq(repositories.name, input.repository)))
    .limit(1);
  if (!repo) throw new NotFoundError(`${input.org}/${input.repository} does not exist`);
  await transaction(async (tx) => {
    if (input.permission === "none") {
      const removed = await tx
        .delete(teamRepositoryPermissions)
        .where(and(eq(teamRepositoryPermissions.teamId, team.id), eq(teamRepositoryPermissions.repositoryId, repo.id)))
        .returning({ teamId: teamRepositoryPermissions.teamId });
      // Nothing to remove: say so (a second API DELETE is a 404) rather than log a change that did not happen.
      if (removed.length === 0)
        throw new NotFoundError(`Team ${team.name} has no access to ${input.org}/${input.repository}`);
    } else {
      await tx
        .insert(teamRepositoryPermissions)
        .values({ teamId: team.id, repositoryId: repo.id, permission: input.permission })
        .onConflictDoUpdate({
          target: [teamRepositoryPermissions.teamId, teamRepositoryPermissions.repositoryId],
          set: { permission: input.permission },
        });
    }
    accessChanged(tx);
    await recordAudit(
      {
        actorId: input.actorId,
        namespaceId: m.organizationId,
        action: "team_permission_changed",
        target: `${input.org}/${input.repository}`,
        metadata: { team: team.name, permission: input.permission },
        ip: input.ip,
      },
      tx,
    );
  });
}
