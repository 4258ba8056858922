import Link from "next/link";
import { resendInvitationAction, revokeInvitationAction } from "@/lib/actions/organizations";
import { SimpleForm } from "@/components/forms/simple-form";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatDate, formatRelative } from "@/lib/format";

export type PendingInvitation = {
  id: string;
  inviteeUsername: string | null;
  inviteeEmail: string | null;
  invitedBy: string | null;
  team: string | null;
  createdAt: Date;
  expiresAt: Date;
};

/**
 * An organization's open invitations, for its owners: who was asked, by whom, when and until when,
 * with Resend (same message, 14 more days) and Revoke (asks first) on each.
 */
export function PendingInvitations({ org, invitations }: { org: string; invitations: PendingInvitation[] }) {
  if (invitations.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="no-pending-invitations">
        No invitations are waiting for an answer. People you invite appear here until they accept or decline.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100" data-testid="pending-invitations">
      {invitations.map((i) => {
        const who = i.inviteeUsername ?? i.inviteeEmail ?? "someone";
        const hidden = { org, invitationId: i.id };
        return (
          <li
            key={i.id}
            data-testid="pending-invitation"
            className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3 py-3"
          >
            <div className="min-w-0">
              <p className="font-medium break-all">
                {i.inviteeUsername ? (
                  <Link href={`/u/${i.inviteeUsername}`} className="hover:underline">
                    {i.inviteeUsername}
                  </Link>
                ) : (
                  who
                )}
                {i.inviteeUsername ? null : (
                  <Badge className="ml-2" tone="neutral">
                    Email
                  </Badge>
                )}
                {i.team ? (
                  <Badge className="ml-2" tone="brand">
                    Team {i.team}
                  </Badge>
                ) : null}
              </p>
              <p className="text-xs text-slate-500">
                Invited by {i.invitedBy ?? "a former member"}{" "}
                <time dateTime={i.createdAt.toISOString()} title={i.createdAt.toISOString()}>
                  {formatRelative(i.createdAt)}
                </time>{" "}
                · expires{" "}
                <time dateTime={i.expiresAt.toISOString()} data-testid="invitation-expires">
                  {formatDate(i.expiresAt)}
                </time>
              </p>
            </div>
            <div className="flex flex-wrap items-start gap-2">
              <SimpleForm
                action={resendInvitationAction}
                hidden={hidden}
                submit="Resend"
                pending="Sending…"
                variant="secondary"
                inline
              />
              <ConfirmDialog
                trigger="Revoke"
                triggerLabel={`Revoke the invitation of ${who}`}
                triggerVariant="dangerOutline"
                title={`Revoke the invitation of ${who}?`}
                description={`${who} can no longer join ${org} with it. You can invite them again later.`}
                confirmLabel="Revoke invitation"
                pendingText="Revoking…"
                formAction={revokeInvitationAction}
                fields={
                  <>
                    <input type="hidden" name="org" value={org} />
                    <input type="hidden" name="invitationId" value={i.id} />
                  </>
                }
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
