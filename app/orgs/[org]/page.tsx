import { ButtonLink } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { RepositoryList } from "@/components/repositories/repository-list";
import { isOrgMember, isOrgOwner } from "@/lib/authz/rules/organization-access";
import { actorOf } from "@/lib/auth/actor";
import { mayCreateRepositoryIn } from "@/lib/authz/resolve-role";
import { countPrivateRepositories } from "@/lib/data/organizations";
import { getRepositoryAccessContext, listVisibleRepositories } from "@/lib/data/repositories";
import { getEnv } from "@/lib/env";
import { loadOrganization } from "@/lib/loaders/organization";

export default async function OrganizationRepositoriesPage({ params }: { params: Promise<{ org: string }> }) {
  const { user, organization, membership } = await loadOrganization((await params).org);
  const [repositories, privateCount, mayCreate] = await Promise.all([
    listVisibleRepositories(organization.id, user?.id ?? null),
    countPrivateRepositories(organization.id),
    // The namespace's own context (no repository has an empty name): the rule the create form applies.
    user
      ? getRepositoryAccessContext(organization.name, "").then((ctx) => mayCreateRepositoryIn(actorOf(user), ctx))
      : false,
  ]);
  return (
    <div className="space-y-4">
      {mayCreate || isOrgMember(membership) ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          {isOrgMember(membership) ? (
            <p className="text-sm text-slate-600" data-testid="private-quota">
              Private repositories: {privateCount}
              {organization.privateRepoQuota === null ? " (no limit)" : ` of ${organization.privateRepoQuota}`}
              {organization.privateRepoQuota !== null && privateCount >= organization.privateRepoQuota
                ? " · quota reached: new private repositories are refused"
                : ""}
            </p>
          ) : null}
          {mayCreate ? (
            <ButtonLink href={`/repositories/new?ns=${organization.name}`} className="ml-auto">
              Create repository
            </ButtonLink>
          ) : null}
        </div>
      ) : null}
      <RepositoryList
        namespace={organization.name}
        repositories={repositories}
        emptyTitle={
          isOrgOwner(membership)
            ? "No repositories yet. Push the first one:"
            : `${organization.name} has no repositories you can see.`
        }
        empty={
          isOrgOwner(membership) ? (
            <div className="mt-2 text-left">
              <CopyField
                command
                value={`docker push ${getEnv().REGISTRY_PUBLIC_HOST}/${organization.name}/my-app:1.0`}
              />
            </div>
          ) : null
        }
      />
    </div>
  );
}
