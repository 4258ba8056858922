import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { CreateRepositoryForm } from "@/components/repositories/create-repository-form";
import { requireUser } from "@/lib/auth/session";
import { isOrgOwner } from "@/lib/authz/rules/organization-access";
import { getOrgMembership } from "@/lib/data/organizations";
import { listMyNamespaces } from "@/lib/data/namespaces";

export const metadata: Metadata = { title: "Create repository" };

export default async function NewRepositoryPage({ searchParams }: { searchParams: Promise<{ ns?: string }> }) {
  const user = await requireUser("/repositories/new");
  const all = await listMyNamespaces(user, user.id);
  // Repositories are created in your own namespace or in organizations you own.
  const allowed = [];
  for (const n of all) if (n.kind === "user" || isOrgOwner(await getOrgMembership(n.name, user.id))) allowed.push(n);
  const ns = (await searchParams).ns;
  return (
    <AuthCard
      title="Create a repository"
      subtitle="Or just push: the first push into your namespace creates the repository."
    >
      <CreateRepositoryForm
        namespaces={allowed}
        selected={allowed.some((a) => a.name === ns) ? ns! : allowed[0]!.name}
      />
    </AuthCard>
  );
}
