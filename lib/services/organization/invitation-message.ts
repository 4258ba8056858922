import "server-only";
import { getEnv } from "@/lib/env";
import { escapeHtml } from "@/lib/mail/send";
import type { NotificationInput } from "@/lib/services/notification/notify";

/*
 * What an invitation says, in one place: invite-member.ts sends it first and resend-invitation.ts
 * sends the very same words again, so a resent invitation never reads differently from the first.
 */

/** The notification for an invitee with an account (in-app and/or email, as they chose). */
export function invitationNotification(userId: string, org: string, inviter: string | null): NotificationInput {
  return {
    userId,
    kind: "organization_invitation",
    title: `You are invited to join ${org} on Dockyard`,
    body: `${inviter ?? "An owner"} invited you to join the organization ${org}. Accept or decline on your Invitations page; the invitation expires in 14 days.`,
    link: "/invitations",
  };
}

/** The mail for an address with no account yet: there are no notification choices to respect. */
export function invitationMail(to: string, org: string) {
  const link = `${getEnv().CONSOLE_URL}/invitations`;
  return {
    to,
    subject: `You are invited to join ${org} on Dockyard`,
    text: `You have been invited to join the organization ${org} on Dockyard.\n\nSign in (or create an account with this email address) and answer the invitation here:\n\n${link}\n\nThe invitation expires in 14 days.\n`,
    html: `<p>You have been invited to join the organization <b>${escapeHtml(org)}</b> on Dockyard.</p><p>Sign in (or create an account with this email address) and answer the invitation here: <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>The invitation expires in 14 days.</p>`,
  };
}

/** How long an invitation (or a resent one, from the resend) stays open. */
export const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;
