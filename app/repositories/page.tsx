import type { Metadata } from "next";
import Link from "next/link";
import { CopyField } from "@/components/ui/copy-field";
import { Pagination } from "@/components/pagination";
import { RepositoryList } from "@/components/repositories/repository-list";
import { requireUser } from "@/lib/auth/session";
import { listMyNamespaces } from "@/lib/data/namespaces";
import { searchNamespaceRepositories } from "@/lib/data/repositories";
import { getEnv } from "@/lib/env";
import { repositoryListQuerySchema } from "@/lib/validations/repository-list";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Repositories" };

const PAGE_SIZE = 20;
const SORT_LABELS = { pushed: "Last pushed", name: "Name", pulls: "Most pulls", stars: "Most stars" } as const;

export default async function RepositoriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("/repositories");
  const query = repositoryListQuerySchema.parse(await searchParams);
  const choices = await listMyNamespaces(user, user.id);
  const ns = choices.find((c) => c.name === query.ns) ?? choices[0]!;
  const { items, total } = await searchNamespaceRepositories({ namespaceId: ns.id, viewerId: user.id, q: query.q, sort: query.sort, page: query.page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (page: number) => `/repositories?${new URLSearchParams({ ns: ns.name, q: query.q, sort: query.sort, page: String(page) })}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Repositories</h1>
          <nav aria-label="Namespace" className="mt-2 flex flex-wrap gap-2 text-sm">
            {choices.map((c) => (
              <Link key={c.name} href={`/repositories?ns=${c.name}`} aria-current={c.name === ns.name ? "page" : undefined} className={`rounded-full px-3 py-1 ${c.name === ns.name ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"}`}>
                {c.name}
              </Link>
            ))}
          </nav>
        </div>
        <Link href={`/repositories/new?ns=${ns.name}`} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Create repository
        </Link>
      </div>
      <form className="flex flex-wrap items-end gap-3" role="search">
        <input type="hidden" name="ns" value={ns.name} />
        <label className="text-sm">
          <span className="block font-medium text-slate-800">Search by name</span>
          <input name="q" defaultValue={query.q} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">Sort</span>
          <select name="sort" defaultValue={query.sort} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
            {Object.entries(SORT_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          Apply
        </button>
        <p className="ml-auto text-sm text-slate-500" data-testid="repository-count">
          {formatCount(total, "repository", "repositories")}
        </p>
      </form>
      <RepositoryList
        namespace={ns.name}
        repositories={items}
        empty={
          query.q ? (
            `No repository in ${ns.name} matches “${query.q}”.`
          ) : (
            <div className="mx-auto max-w-xl space-y-3 text-left">
              <p className="text-center font-medium text-slate-800">No repositories in {ns.name} yet. Push your first image:</p>
              <CopyField command value={`docker login ${getEnv().REGISTRY_PUBLIC_HOST}`} />
              <CopyField command value={`docker tag my-app ${getEnv().REGISTRY_PUBLIC_HOST}/${ns.name}/my-app:1.0`} />
              <CopyField command value={`docker push ${getEnv().REGISTRY_PUBLIC_HOST}/${ns.name}/my-app:1.0`} />
            </div>
          )
        }
      />
      <Pagination page={query.page} pages={pages} href={href} />
    </div>
  );
}
