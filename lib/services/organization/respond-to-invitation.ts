import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { organizationInvitations, organizationMembers, teamMembers } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit-event/record";

/** Accepts or declines an invitation addressed to the caller (by account or by their email). */
export async function respondToInvitation(input: {
  invitationId: string;
  userId: string;
  email: string;
  accept: boolean;
  ip?: string | null;
}): Promise<void> {
  await transaction(async (tx) => {
    const [inv] = await tx
      .update(organizationInvitations)
      .set({ status: input.accept ? "accepted" : "declined", respondedAt: new Date() })
      .where(
        and(
          eq(organizationInvitations.id, input.invitationId),
          eq(organizationInvitations.status, "pending"),
          sql`${organizationInvitations.expiresAt} > now()`,
          or(
            eq(organizationInvitations.inviteeUserId, input.userId),
            eq(organizationInvitations.inviteeEmail, input.email.toLowerCase()),
          ),
        ),
      )
      .returning({ organizationId: organizationInvitations.organizationId, teamId: organizationInvitations.teamId });
    if (!inv) throw new NotFoundError("This invitation no longer exists or has expired.");
    if (input.accept) {
      await tx
        .insert(organizationMembers)
        .values({ organizationId: inv.organizationId, userId: input.userId })
        .onConflictDoNothing();
      if (inv.teamId)
        await tx.insert(teamMembers).values({ teamId: inv.teamId, userId: input.userId }).onConflictDoNothing();
      accessChanged(tx);
    }
    await recordAudit(
      {
        actorId: input.userId,
        namespaceId: inv.organizationId,
        action: input.accept ? "member_added" : "invitation_declined",
        metadata: inv.teamId ? { teamId: inv.teamId } : undefined,
        ip: input.ip,
      },
      tx,
    );
  });
}
