import { notFound } from "next/navigation";
import { CommandLine } from "@/components/command-line";
import { RepositoryList } from "@/components/repositories/repository-list";
import { getCurrentUser } from "@/lib/auth/session";
import { getOrganization, getOrgMembership } from "@/lib/data/organizations";
import { listVisibleRepositories } from "@/lib/data/repositories";
import { getEnv } from "@/lib/env";

export default async function OrganizationRepositoriesPage({ params }: { params: Promise<{ org: string }> }) {
  const organization = await getOrganization((await params).org);
  if (!organization) notFound();
  const user = await getCurrentUser();
  const [repositories, membership] = await Promise.all([listVisibleRepositories(organization.id, user?.id ?? null), user ? getOrgMembership(organization.name, user.id) : null]);
  return (
    <RepositoryList
      namespace={organization.name}
      repositories={repositories}
      empty={
        membership?.isOwner ? (
          <div className="mx-auto max-w-lg space-y-3 text-left">
            <p className="text-center font-medium text-slate-800">No repositories yet. Push the first one:</p>
            <CommandLine command={`docker push ${getEnv().REGISTRY_PUBLIC_HOST}/${organization.name}/my-app:1.0`} />
          </div>
        ) : (
          `${organization.name} has no repositories you can see.`
        )
      }
    />
  );
}
