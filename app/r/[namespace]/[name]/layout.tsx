import type { Metadata } from "next";
import Link from "next/link";
import { TabNav } from "@/components/tab-nav";
import type { ReactNode } from "react";
import { repositoryCan } from "@/lib/authz/rules/repository-permissions";
import { StarButton } from "@/components/repositories/star-button";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { isStarred } from "@/lib/data/repositories";
import { loadRepository } from "@/lib/loaders/repository";

type Params = Promise<{ namespace: string; name: string }>;

// The root template ("%s · Dockyard") applies to this segment's own title only, so pages under it
// get the full suffix from this template: "1.0 · operator/probe · Dockyard".
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { namespace, name } = await params;
  const { repo } = await loadRepository(namespace, name);
  const path = `${repo.namespace}/${repo.name}`;
  return { title: { default: path, template: `%s · ${path} · Dockyard` } };
}

export default async function RepositoryLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { namespace, name } = await params;
  const { user, repo, role } = await loadRepository(namespace, name);
  const starred = user ? await isStarred(user.id, repo.id) : false;
  const base = `/r/${repo.namespace}/${repo.name}`;
  const tabs = [
    { href: base, label: "General", show: true },
    { href: `${base}/tags`, label: "Tags", show: true, also: [`${base}/compare`] },
    { href: `${base}/collaborators`, label: "Collaborators", show: repositoryCan(role, "manageCollaborators") },
    { href: `${base}/webhooks`, label: "Webhooks", show: repositoryCan(role, "manageWebhooks") },
    { href: `${base}/builds`, label: "Builds", show: repositoryCan(role, "manageBuilds") },
    { href: `${base}/settings`, label: "Settings", show: repositoryCan(role, "manageSettings") },
  ];
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">
          <Link
            href={repo.namespaceKind === "org" ? `/orgs/${repo.namespace}` : `/u/${repo.namespace}`}
            className="hover:underline"
          >
            {repo.namespace}
          </Link>{" "}
          /
        </p>
        <PageHeader
          title={
            <span className="flex items-center gap-3">
              {repo.name}
              <Badge tone={repo.visibility === "public" ? "neutral" : "warning"} data-testid="visibility">
                {repo.visibility === "public" ? "Public" : "Private"}
              </Badge>
            </span>
          }
          description={repo.description}
        >
          {user ? (
            <div className="mt-3">
              <StarButton namespace={repo.namespace} name={repo.name} starred={starred} count={repo.starCount} />
            </div>
          ) : null}
        </PageHeader>
      </div>
      <TabNav label="Repository" tabs={tabs} />
      {children}
    </div>
  );
}
