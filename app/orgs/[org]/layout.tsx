import type { Metadata } from "next";
import { TabNav } from "@/components/tab-nav";
import { PageHeader } from "@/components/ui/page-header";
import type { ReactNode } from "react";
import { isOrgMember, isOrgOwner } from "@/lib/authz/rules/organization-access";
import { loadOrganization } from "@/lib/loaders/organization";

// Pages under an organization read "Members & teams · acme · Dockyard" (see app/r/[namespace]/[name]/layout.tsx).
export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const { org } = await params;
  const { organization } = await loadOrganization(org);
  return { title: { default: organization.name, template: `%s · ${organization.name} · Dockyard` } };
}

export default async function OrganizationLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org } = await params;
  const { organization, membership } = await loadOrganization(org);
  const tabs = [
    { href: `/orgs/${organization.name}`, label: "Repositories", show: true },
    {
      href: `/orgs/${organization.name}/members`,
      label: "Members & teams",
      show: isOrgMember(membership),
      also: [`/orgs/${organization.name}/teams`],
    },
    { href: `/orgs/${organization.name}/audit-log`, label: "Audit log", show: isOrgOwner(membership) },
    { href: `/orgs/${organization.name}/settings`, label: "Settings", show: isOrgOwner(membership) },
  ];
  return (
    <div className="space-y-6">
      <div className="flex items-center gap-4">
        <div
          aria-hidden
          className="grid h-12 w-12 place-items-center rounded-lg bg-brand-100 text-xl font-semibold text-brand-700 uppercase"
        >
          {organization.name[0]}
        </div>
        <PageHeader
          title={organization.displayName ?? organization.name}
          description={
            <>
              {organization.name}
              {organization.location ? ` · ${organization.location}` : ""}
              {isOrgOwner(membership) ? " · You are an owner" : isOrgMember(membership) ? " · You are a member" : ""}
            </>
          }
        />
      </div>
      <TabNav label="Organization" tabs={tabs} />
      {children}
    </div>
  );
}
