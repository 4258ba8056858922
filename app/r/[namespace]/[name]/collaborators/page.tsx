import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Section } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { requireUser } from "@/lib/auth/session";
import { isOrgOwner } from "@/lib/authz/rules/organization-access";
import { repositoryCan } from "@/lib/authz/rules/repository-permissions";
import { getOrgMembership, listRepositoryTeams } from "@/lib/data/organizations";
import { loadRepository } from "@/lib/loaders/repository";
import { formatCount } from "@/lib/format";

const LABELS = { read: "Read-only", write: "Read & Write", admin: "Admin" } as const;

export const metadata: Metadata = { title: "Collaborators" };

export default async function CollaboratorsPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  // Like Settings: anonymous visitors sign in and come back; below admin it is the same 404 as a
  // missing repository (the tab is hidden by the same rule in the layout).
  const user = await requireUser(`/r/${namespace}/${name}/collaborators`);
  const { repo, role } = await loadRepository(namespace, name);
  if (!repositoryCan(role, "manageCollaborators")) notFound();
  if (repo.namespaceKind === "user") {
    return (
      <Section title="Collaborators">
        <p className="text-sm text-slate-600">
          Repositories in a personal namespace belong to <span className="font-medium">{repo.namespace}</span> alone. To
          share push access, move the work into an <TextLink href="/orgs/new">organization</TextLink> and grant teams
          permissions.
        </p>
      </Section>
    );
  }
  const membership = await getOrgMembership(repo.namespace, user.id);
  const teams = await listRepositoryTeams(repo.id);
  return (
    <Section
      title="Collaborators"
      description={`Owners of ${repo.namespace} can do everything. These teams have access to ${repo.namespace}/${repo.name}:`}
    >
      {teams.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-collaborators">
          No team has a permission on this repository yet.
          {isOrgOwner(membership) ? " Grant one from a team's page under Members & teams." : ""}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="collaborators">
          {teams.map((t) => (
            <li key={t.teamId} className="flex items-center justify-between py-2">
              <Link href={`/orgs/${repo.namespace}/teams/${t.teamId}`} className="font-medium hover:underline">
                {t.team}
              </Link>
              <span className="text-sm text-slate-700">
                {LABELS[t.permission]} · {formatCount(t.members, "member")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
