import "server-only";
import crypto from "node:crypto";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { organizationInvitations, organizationMembers, users } from "@/db/schema";
import { sha256 } from "@/lib/security/crypto";
import { ConflictError, ValidationError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/send";
import { recordAudit } from "@/lib/services/audit-event/record";
import { notify } from "@/lib/services/notification/notify";
import { limits } from "@/lib/services/rate-limit/limits";
import { takeSlot } from "@/lib/services/rate-limit/consume";
import { requireOrgRole } from "@/lib/authz/require-org-role";
import { INVITATION_TTL_MS, invitationMail, invitationNotification } from "./invitation-message";

/**
 * Invites someone by username (an existing account) or by email (who may sign up with it). The
 * invitee sees it on their Invitations page; nothing changes until they accept. An existing
 * account is told through their notifications (in-app and/or email, as they chose); an address
 * with no account yet gets the invitation mail directly, since there are no choices to respect.
 */
export async function inviteMember(input: {
  org: string;
  actorId: string;
  invitee: string;
  ip?: string | null;
}): Promise<{ id: string; emailed: boolean }> {
  const m = await requireOrgRole(input.org, input.actorId, "owner");
  const db = getDb();
  const byEmail = input.invitee.includes("@");
  const value = input.invitee.trim().toLowerCase();
  const [user] = await db
    .select({ id: users.id, email: users.email, username: users.username })
    .from(users)
    .where(and(byEmail ? eq(users.email, value) : eq(users.username, value), isNull(users.deactivatedAt)))
    .limit(1);
  if (!user && !byEmail)
    throw new ValidationError("Please correct the highlighted fields.", { invitee: ["No user with this name"] });
  if (user) {
    const member = await db
      .select({ u: organizationMembers.userId })
      .from(organizationMembers)
      .where(and(eq(organizationMembers.organizationId, m.organizationId), eq(organizationMembers.userId, user.id)))
      .limit(1);
    if (member.length > 0)
      throw new ValidationError("Please correct the highlighted fields.", {
        invitee: [`${user.username} is already a member`],
      });
  }
  const pending = await db
    .select({ id: organizationInvitations.id })
    .from(organizationInvitations)
    .where(
      and(
        eq(organizationInvitations.organizationId, m.organizationId),
        eq(organizationInvitations.status, "pending"),
        sql`${organizationInvitations.expiresAt} > now()`,
        user
          ? or(eq(organizationInvitations.inviteeUserId, user.id), eq(organizationInvitations.inviteeEmail, user.email))
          : eq(organizationInvitations.inviteeEmail, value),
      ),
    )
    .limit(1);
  if (pending.length > 0) throw new ConflictError("There is already a pending invitation for this person.");
  // Taken atomically before anything is written or mailed (see takeSlots).
  await takeSlot(limits.invitations(m.organizationId));

  const token = crypto.randomBytes(24).toString("base64url");
  const id = await transaction(async (tx) => {
    const [inv] = await tx
      .insert(organizationInvitations)
      .values({
        organizationId: m.organizationId,
        inviteeUserId: user?.id ?? null,
        inviteeEmail: user ? null : value,
        invitedById: input.actorId,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning({ id: organizationInvitations.id });
    await recordAudit(
      {
        actorId: input.actorId,
        namespaceId: m.organizationId,
        action: "member_invited",
        target: user?.username ?? value,
        ip: input.ip,
      },
      tx,
    );
    if (user) {
      const [inviter] = await tx
        .select({ username: users.username })
        .from(users)
        .where(eq(users.id, input.actorId))
        .limit(1);
      await notify(tx, [invitationNotification(user.id, input.org, inviter?.username ?? null)]);
    }
    return inv!.id;
  });
  if (user) {
    // Queued, not sent yet: the job queue retries until the mail goes out, so it counts as sent.
    return { id, emailed: true };
  }
  try {
    await sendMail(invitationMail(value, input.org));
    return { id, emailed: true };
  } catch (err) {
    logger.error("invitation email failed", err);
    return { id, emailed: false };
  }
}
