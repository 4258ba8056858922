import type { Metadata } from "next";
import Link from "next/link";
import { respondToInvitationAction } from "@/lib/actions/organizations";
import { SimpleForm } from "@/components/forms/simple-form";
import { Section } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { listPendingInvitationsFor } from "@/lib/data/organizations";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitationsPage() {
  const user = await requireUser("/invitations");
  const invitations = await listPendingInvitationsFor(user.id, user.email);
  return (
    <div className="mx-auto max-w-2xl">
      <Section title="Organization invitations">
        {invitations.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="no-invitations">
            You have no pending invitations.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="invitation-list">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="font-medium">
                    <Link href={`/orgs/${i.organization}`} className="hover:underline">
                      {i.organizationDisplayName ?? i.organization}
                    </Link>
                    {i.organizationDisplayName ? (
                      <span className="ml-1 font-normal text-slate-500">({i.organization})</span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-700" data-testid="invitation-from">
                    {i.invitedBy ? (
                      <>
                        <Link href={`/u/${i.invitedBy}`} className="font-medium hover:underline">
                          {i.invitedBy}
                        </Link>{" "}
                        invited you to join the organization {i.organization}
                      </>
                    ) : (
                      <>You are invited to join the organization {i.organization}</>
                    )}
                    {i.team ? ` as a member of the team ${i.team}` : ""}.
                  </p>
                  <p className="text-xs text-slate-500">
                    Invited <Time value={i.createdAt} /> · expires <Time value={i.expiresAt} />
                  </p>
                </div>
                <div className="flex gap-2">
                  <SimpleForm
                    action={respondToInvitationAction}
                    hidden={{ invitationId: i.id, accept: "true", org: i.organization }}
                    submit={`Accept ${i.organization}`}
                    inline
                  />
                  <SimpleForm
                    action={respondToInvitationAction}
                    hidden={{ invitationId: i.id, accept: "false", org: i.organization }}
                    submit="Decline"
                    variant="secondary"
                    inline
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
