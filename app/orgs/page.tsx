import type { Metadata } from "next";
import Link from "next/link";
import { Avatar } from "@/components/nav/avatar";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TextLink } from "@/components/ui/text-link";
import { requireUser } from "@/lib/auth/session";
import { listMyOrganizations } from "@/lib/data/organizations";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Organizations" };

/** The organizations the signed-in user belongs to, with their role and a way to create another. */
export default async function OrganizationsPage() {
  const user = await requireUser("/orgs");
  const organizations = await listMyOrganizations(user.id);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Organizations"
        description={
          organizations.length > 0
            ? `You belong to ${formatCount(organizations.length, "organization")}.`
            : "Organizations share repositories with teams."
        }
        // With none yet, the empty state carries the one "Create organization".
        actions={organizations.length > 0 ? <ButtonLink href="/orgs/new">Create organization</ButtonLink> : null}
      />
      {organizations.length === 0 ? (
        <EmptyState
          title="You are not in any organization yet."
          testId="organizations-empty"
          action={<ButtonLink href="/orgs/new">Create organization</ButtonLink>}
        >
          Create one to push images under a shared namespace and give teams access per repository, or accept an
          invitation from an organization&rsquo;s owner.
        </EmptyState>
      ) : (
        <Card padded={false}>
          <ul className="divide-y divide-slate-100">
            {organizations.map((o) => (
              <li key={o.name} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="organization-item">
                <Avatar name={o.name} />
                <div className="min-w-0 flex-1">
                  <Link href={`/orgs/${o.name}`} className="font-medium break-words text-ink hover:underline">
                    {o.displayName ?? o.name}
                  </Link>
                  {o.displayName ? <p className="text-xs text-slate-500">{o.name}</p> : null}
                </div>
                <Badge tone={o.isOwner ? "brand" : "neutral"}>{o.isOwner ? "Owner" : "Member"}</Badge>
                <TextLink href={`/repositories?ns=${o.name}`} className="text-sm">
                  Repositories<span className="sr-only"> in {o.name}</span>
                </TextLink>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
