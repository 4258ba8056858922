import type { Metadata } from "next";
import { LiveSearchForm } from "@/components/live-search-form";
import { listUrl, Pagination } from "@/components/pagination";
import { RepositoryList } from "@/components/repositories/repository-list";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { explorePublicRepositories } from "@/lib/data/repositories";
import { DEFAULT_PAGE_SIZE, pageCount } from "@/lib/validations/pagination";
import { repositoryListQuerySchema } from "@/lib/validations/repository-list";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Explore" };

export default async function ExplorePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = repositoryListQuerySchema.parse(await searchParams);
  const { items, total } = await explorePublicRepositories({
    q: query.q,
    ns: query.ns,
    page: query.page,
    pageSize: query.page_size,
  });
  const pages = pageCount(total, query.page_size);
  const href = (page: number, pageSize = query.page_size) =>
    listUrl("/explore", { q: query.q, ns: query.ns, page, page_size: pageSize });
  return (
    <div className="space-y-6">
      <PageHeader title="Explore" description="Public repositories on this registry, most starred first." />
      {/* Results follow as you type; without JS it is a plain GET form with its Search button. */}
      <LiveSearchForm action="/explore" className="flex flex-wrap items-end gap-3" role="search">
        <Label text="Search">
          <Input type="search" name="q" defaultValue={query.q} placeholder="name or description" autoComplete="off" />
        </Label>
        <Label text="Namespace">
          <Input name="ns" defaultValue={query.ns ?? ""} placeholder="any" autoComplete="off" className="w-40" />
        </Label>
        {query.page_size !== DEFAULT_PAGE_SIZE ? (
          <input type="hidden" name="page_size" value={query.page_size} />
        ) : null}
        <Button type="submit" variant="secondary">
          Search
        </Button>
        <p className="ml-auto text-sm text-slate-500" data-testid="explore-count" aria-live="polite">
          {formatCount(total, "result")}
        </p>
      </LiveSearchForm>
      <RepositoryList
        repositories={items}
        empty={query.q || query.ns ? "No public repository matches." : "No public repositories yet."}
      />
      <Pagination page={Math.min(query.page, pages)} pages={pages} href={href} pageSize={query.page_size} />
    </div>
  );
}
