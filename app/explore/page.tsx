import type { Metadata } from "next";
import { Pagination } from "@/components/pagination";
import { RepositoryList } from "@/components/repositories/repository-list";
import { explorePublicRepositories } from "@/lib/data/repositories";
import { repositoryListQuerySchema } from "@/lib/validations/repository-list";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Explore" };

const PAGE_SIZE = 20;

export default async function ExplorePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = repositoryListQuerySchema.parse(await searchParams);
  const { items, total } = await explorePublicRepositories({ q: query.q, ns: query.ns, page: query.page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (page: number) => `/explore?${new URLSearchParams({ q: query.q, ...(query.ns ? { ns: query.ns } : {}), page: String(page) })}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Explore</h1>
        <p className="mt-1 text-sm text-slate-600">Public repositories on this registry, most starred first.</p>
      </div>
      <form className="flex flex-wrap items-end gap-3" role="search">
        <label className="text-sm">
          <span className="block font-medium text-slate-800">Search</span>
          <input name="q" defaultValue={query.q} placeholder="name or description" className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-800">Namespace</span>
          <input name="ns" defaultValue={query.ns ?? ""} placeholder="any" className="mt-1 w-40 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          Search
        </button>
        <p className="ml-auto text-sm text-slate-500" data-testid="explore-count">
          {formatCount(total, "result")}
        </p>
      </form>
      <RepositoryList repositories={items} empty={query.q || query.ns ? "No public repository matches." : "No public repositories yet."} />
      <Pagination page={query.page} pages={pages} href={href} />
    </div>
  );
}
