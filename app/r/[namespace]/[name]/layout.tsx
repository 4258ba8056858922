import Link from "next/link";
import { TabNav } from "@/components/tab-nav";
import type { ReactNode } from "react";
import { roleAtLeast } from "@/lib/authz/rules/repository-permissions";
import { StarButton } from "@/components/repositories/star-button";
import { isStarred } from "@/lib/data/repositories";
import { loadRepository } from "@/lib/loaders/repository";

type Params = Promise<{ namespace: string; name: string }>;

export default async function RepositoryLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { namespace, name } = await params;
  const { user, repo, role } = await loadRepository(namespace, name);
  const starred = user ? await isStarred(user.id, repo.id) : false;
  const base = `/r/${repo.namespace}/${repo.name}`;
  const tabs = [
    { href: base, label: "General", show: true },
    { href: `${base}/tags`, label: "Tags", show: true },
    { href: `${base}/collaborators`, label: "Collaborators", show: true },
    { href: `${base}/webhooks`, label: "Webhooks", show: roleAtLeast(role, "admin") },
    { href: `${base}/settings`, label: "Settings", show: roleAtLeast(role, "admin") },
  ];
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">
          <Link href={repo.namespaceKind === "org" ? `/orgs/${repo.namespace}` : `/u/${repo.namespace}`} className="hover:underline">
            {repo.namespace}
          </Link>{" "}
          /
        </p>
        <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">
          {repo.name}
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${repo.visibility === "public" ? "bg-slate-50 text-slate-700 ring-slate-500/20" : "bg-amber-50 text-amber-800 ring-amber-600/20"}`} data-testid="visibility">
            {repo.visibility === "public" ? "Public" : "Private"}
          </span>
        </h1>
        {repo.description ? <p className="mt-1 text-slate-600">{repo.description}</p> : null}
        {user ? (
          <div className="mt-3">
            <StarButton namespace={repo.namespace} name={repo.name} starred={starred} count={repo.starCount} />
          </div>
        ) : null}
      </div>
      <TabNav label="Repository" tabs={tabs} />
      {children}
    </div>
  );
}
