import { TabNav } from "@/components/tab-nav";
import type { ReactNode } from "react";
import { isOrgMember, isOrgOwner } from "@/lib/authz/rules/organization-access";
import { loadOrganization } from "@/lib/loaders/organization";

export default async function OrganizationLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { organization, membership } = await loadOrganization(org);
  const tabs = [
    { href: `/orgs/${organization.name}`, label: "Repositories", show: true },
    { href: `/orgs/${organization.name}/members`, label: "Members & teams", show: isOrgMember(membership) },
    { href: `/orgs/${organization.name}/audit-log`, label: "Audit log", show: isOrgOwner(membership) },
    { href: `/orgs/${organization.name}/settings`, label: "Settings", show: isOrgOwner(membership) },
  ];
  return (
    <div className="space-y-6">
      <div className="flex items-center gap-4">
        <div aria-hidden className="grid h-12 w-12 place-items-center rounded-lg bg-brand-100 text-xl font-semibold uppercase text-brand-700">
          {organization.name[0]}
        </div>
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{organization.displayName ?? organization.name}</h1>
          <p className="text-sm text-slate-500">
            {organization.name}
            {organization.location ? ` · ${organization.location}` : ""}
            {membership?.isOwner ? " · You are an owner" : membership?.isMember ? " · You are a member" : ""}
          </p>
        </div>
      </div>
      <TabNav label="Organization" tabs={tabs} />
      {children}
    </div>
  );
}
