import type { Metadata } from "next";
import { Pagination } from "@/components/pagination";
import { RepositoryList } from "@/components/repositories/repository-list";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { explorePublicRepositories } from "@/lib/data/repositories";
import { repositoryListQuerySchema } from "@/lib/validations/repository-list";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Explore" };

const PAGE_SIZE = 20;

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
    pageSize: PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (page: number) =>
    `/explore?${new URLSearchParams({ q: query.q, ...(query.ns ? { ns: query.ns } : {}), page: String(page) })}`;
  return (
    <div className="space-y-6">
      <PageHeader title="Explore" description="Public repositories on this registry, most starred first." />
      <form className="flex flex-wrap items-end gap-3" role="search">
        <Label text="Search">
          <Input name="q" defaultValue={query.q} placeholder="name or description" />
        </Label>
        <Label text="Namespace">
          <Input name="ns" defaultValue={query.ns ?? ""} placeholder="any" className="w-40" />
        </Label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        <p className="ml-auto text-sm text-slate-500" data-testid="explore-count">
          {formatCount(total, "result")}
        </p>
      </form>
      <RepositoryList
        repositories={items}
        empty={query.q || query.ns ? "No public repository matches." : "No public repositories yet."}
      />
      <Pagination page={query.page} pages={pages} href={href} />
    </div>
  );
}
