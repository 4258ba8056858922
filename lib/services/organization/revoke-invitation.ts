import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { organizationInvitations, users } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit-event/record";
import { requireOrgRole } from "@/lib/authz/require-org-role";

/**
 * Withdraws a pending invitation (owners only): the invitee can no longer accept it, and it leaves
 * their Invitations page. An invitation already answered, expired, revoked or belonging to another
 * organization is a NotFound, so a second click changes nothing and logs nothing.
 */
export async function revokeInvitation(input: {
  org: string;
  actorId: string;
  invitationId: string;
  ip?: string | null;
}): Promise<{ invitee: string }> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  return transaction(async (tx) => {
    const [inv] = await tx
      .update(organizationInvitations)
      .set({ status: "revoked", respondedAt: new Date() })
      .where(
        and(
          eq(organizationInvitations.id, input.invitationId),
          eq(organizationInvitations.organizationId, m.organizationId),
          eq(organizationInvitations.status, "pending"),
          sql`${organizationInvitations.expiresAt} > now()`,
        ),
      )
      .returning({ userId: organizationInvitations.inviteeUserId, email: organizationInvitations.inviteeEmail });
    if (!inv) throw new NotFoundError("This invitation was already answered, revoked or has expired.");
    const [user] = inv.userId
      ? await tx.select({ username: users.username }).from(users).where(eq(users.id, inv.userId)).limit(1)
      : [];
    const invitee = user?.username ?? inv.email ?? "someone";
    await recordAudit(
      {
        actorId: input.actorId,
        namespaceId: m.organizationId,
        action: "invitation_revoked",
        target: invitee,
        ip: input.ip,
      },
      tx,
    );
    return { invitee };
  });
}
