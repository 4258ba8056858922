import type { Metadata } from "next";
import Link from "next/link";
import { createTeamAction, inviteMemberAction, removeMemberAction } from "@/lib/actions/organizations";
import { SimpleForm } from "@/components/forms/simple-form";
import { Badge } from "@/components/ui/badge";
import { Section } from "@/components/ui/card";
import { PendingInvitations } from "@/components/organizations/pending-invitations";
import { Time } from "@/components/ui/time";
import { listOrgInvitations, listOrgMembers, listOrgTeams } from "@/lib/data/organizations";
import { formatCount } from "@/lib/format";
import { loadOrganizationAsMember } from "@/lib/loaders/organization";
import { isOrgOwner } from "@/lib/authz/rules/organization-access";

export const metadata: Metadata = { title: "Members & teams" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user, membership } = await loadOrganizationAsMember(org, `/orgs/${org}/members`);
  const owner = isOrgOwner(membership);
  const [members, teams, invitations] = await Promise.all([
    listOrgMembers(membership.organizationId),
    listOrgTeams(membership.organizationId),
    // Who was invited is the owners' business, like inviting itself.
    owner ? listOrgInvitations(membership.organizationId) : Promise.resolve([]),
  ]);
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <Section title={`Members (${members.length})`}>
        {owner ? (
          <div className="mb-6">
            <SimpleForm
              action={inviteMemberAction}
              hidden={{ org }}
              inline
              submit="Invite"
              pending="Inviting…"
              fields={[{ name: "invitee", label: "Invite by username or email" }]}
            />
          </div>
        ) : null}
        <ul className="divide-y divide-slate-100" data-testid="member-list">
          {members.map((m) => (
            <li key={m.userId} className="flex items-center justify-between gap-3 py-3">
              <div>
                <Link href={`/u/${m.username}`} className="font-medium hover:underline">
                  {m.username}
                </Link>
                {m.isOwner ? (
                  <Badge tone="brand" className="ml-2">
                    Owner
                  </Badge>
                ) : null}
                <p className="text-xs text-slate-500">
                  Joined <Time value={m.joinedAt} />
                </p>
              </div>
              {m.userId === user.id ? (
                <SimpleForm
                  action={removeMemberAction}
                  hidden={{ org, userId: m.userId }}
                  submit="Leave"
                  variant="secondary"
                  inline
                />
              ) : owner ? (
                <SimpleForm
                  action={removeMemberAction}
                  hidden={{ org, userId: m.userId }}
                  submit="Remove"
                  variant="danger"
                  inline
                />
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section
        title={`Teams (${teams.length})`}
        description="Teams get Read-only, Read & Write or Admin on repositories. Owners can do everything."
      >
        <ul className="divide-y divide-slate-100" data-testid="team-list">
          {teams.map((t) => (
            <li key={t.id} className="py-3">
              <Link href={`/orgs/${org}/teams/${t.id}`} className="font-medium hover:underline">
                {t.name}
              </Link>
              <span className="ml-2 text-xs text-slate-500">{formatCount(t.members, "member")}</span>
              {t.description ? <p className="text-sm text-slate-600">{t.description}</p> : null}
            </li>
          ))}
        </ul>
        {owner ? (
          <div className="mt-6 border-t border-slate-100 pt-6">
            <SimpleForm
              action={createTeamAction}
              hidden={{ org }}
              submit="Create team"
              fields={[
                { name: "name", label: "New team name", placeholder: "e.g. developers", maxLength: 50 },
                { name: "description", label: "Description (optional)", maxLength: 200 },
              ]}
            />
          </div>
        ) : null}
      </Section>
      {owner ? (
        <div className="lg:col-span-2">
          <Section
            title={`Pending invitations (${invitations.length})`}
            description="Invitations expire 14 days after they were sent; resending sends the same message again and gives 14 more days."
          >
            <PendingInvitations org={org} invitations={invitations} />
          </Section>
        </div>
      ) : null}
    </div>
  );
}
