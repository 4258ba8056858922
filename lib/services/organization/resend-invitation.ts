import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { organizationInvitations, users } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/send";
import { recordAudit } from "@/lib/services/audit-event/record";
import { notify } from "@/lib/services/notification/notify";
import { limits } from "@/lib/services/rate-limit/limits";
import { takeSlot } from "@/lib/services/rate-limit/consume";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { INVITATION_TTL_MS, invitationMail, invitationNotification } from "./invitation-message";

/**
 * Sends a pending invitation again (owners only) — the same notification or mail as the first time
 * (invitation-message.ts) — and gives it 14 more days from now. It counts against the same daily
 * allowance as new invitations, so resending cannot be used to mail someone in a loop.
 */
export async function resendInvitation(input: {
  org: string;
  actorId: string;
  invitationId: string;
  ip?: string | null;
}): Promise<{ invitee: string; emailed: boolean; expiresAt: Date }> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  const stillPending = and(
    eq(organizationInvitations.id, input.invitationId),
    eq(organizationInvitations.organizationId, m.organizationId),
    eq(organizationInvitations.status, "pending"),
    sql`${organizationInvitations.expiresAt} > now()`,
  );
  // Checked before the slot is taken, so a stale button does not use up the allowance.
  const [exists] = await getDb()
    .select({ id: organizationInvitations.id })
    .from(organizationInvitations)
    .where(stillPending)
    .limit(1);
  if (!exists) throw new NotFoundError("This invitation was already answered, revoked or has expired.");
  await takeSlot(limits.invitations(m.organizationId));

  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const sent = await transaction(async (tx) => {
    const [inv] = await tx
      .update(organizationInvitations)
      .set({ expiresAt })
      .where(stillPending)
      .returning({ userId: organizationInvitations.inviteeUserId, email: organizationInvitations.inviteeEmail });
    if (!inv) throw new NotFoundError("This invitation was already answered, revoked or has expired.");
    const [user] = inv.userId
      ? await tx.select({ username: users.username }).from(users).where(eq(users.id, inv.userId)).limit(1)
      : [];
    const [inviter] = await tx
      .select({ username: users.username })
      .from(users)
      .where(eq(users.id, input.actorId))
      .limit(1);
    const invitee = user?.username ?? inv.email ?? "someone";
    // An account is told through its notifications, in this transaction (queued mail included).
    if (inv.userId) await notify(tx, [invitationNotification(inv.userId, input.org, inviter?.username ?? null)]);
    await recordAudit(
      {
        actorId: input.actorId,
        namespaceId: m.organizationId,
        action: "invitation_resent",
        target: invitee,
        ip: input.ip,
      },
      tx,
    );
    return { invitee, email: inv.userId ? null : inv.email };
  });
  if (!sent.email) return { invitee: sent.invitee, emailed: true, expiresAt };
  try {
    await sendMail(invitationMail(sent.email, input.org));
    return { invitee: sent.invitee, emailed: true, expiresAt };
  } catch (err) {
    logger.error("invitation email failed", err);
    return { invitee: sent.invitee, emailed: false, expiresAt };
  }
}
