import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { transaction } from "@/db";
import { organizationMembers, teamMembers, teams, users } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { getUserIdByUsername } from "@/lib/data/users";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { countOwners } from "./count-owners";
import { recordAudit } from "@/lib/services/audit-event/record";

/**
 * Removes a member from an organization and all its teams (an owner removing someone, or anyone
 * leaving: `actorId === userId`). The last owner can do neither. Access ends with the next token.
 * The member is named by id (the UI) or username (the API); an unknown name is "not a member",
 * after the role check, so non-owners learn nothing from it.
 */
export async function removeOrgMember(
  input: { org: string; actorId: string; ip?: string | null } & ({ userId: string } | { username: string }),
): Promise<void> {
  const userId = "userId" in input ? input.userId : await getUserIdByUsername(input.username);
  const self = input.actorId === userId;
  const m = await requireOrgRole(input.org, input.actorId, self ? "member" : "owner");
  if (!userId) throw new NotFoundError("That person is not a member.");
  await transaction(async (tx) => {
    const orgTeams = tx.select({ id: teams.id }).from(teams).where(eq(teams.organizationId, m.organizationId));
    await tx.delete(teamMembers).where(and(eq(teamMembers.userId, userId), inArray(teamMembers.teamId, orgTeams)));
    accessChanged(tx);
    const removed = await tx
      .delete(organizationMembers)
      .where(and(eq(organizationMembers.organizationId, m.organizationId), eq(organizationMembers.userId, userId)))
      .returning({ userId: organizationMembers.userId });
    if (removed.length === 0) throw new NotFoundError("That person is not a member.");
    if ((await countOwners(tx, m.organizationId)) === 0) {
      throw new ConflictError(
        self
          ? "You are the last owner: make someone else an owner before leaving."
          : "The last owner cannot be removed.",
      );
    }
    const [removedUser] = await tx.select({ username: users.username }).from(users).where(eq(users.id, userId));
    await recordAudit(
      {
        actorId: input.actorId,
        namespaceId: m.organizationId,
        action: self ? "member_left" : "member_removed",
        target: removedUser?.username ?? null,
        ip: input.ip,
      },
      tx,
    );
  });
}
