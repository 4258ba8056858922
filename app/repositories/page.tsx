import type { Metadata } from "next";
import { GettingStarted } from "@/components/getting-started/getting-started";
import { Button, ButtonLink } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Input, Label, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { NamespaceSwitcher } from "@/components/nav/namespace-switcher";
import { listUrl, Pagination } from "@/components/pagination";
import { RepositoryList } from "@/components/repositories/repository-list";
import { requireUser } from "@/lib/auth/session";
import { listMyNamespaces } from "@/lib/data/namespaces";
import { searchNamespaceRepositories } from "@/lib/data/repositories";
import { getEnv } from "@/lib/env";
import { DEFAULT_PAGE_SIZE, pageCount } from "@/lib/validations/pagination";
import { repositoryListQuerySchema } from "@/lib/validations/repository-list";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Repositories" };

const SORT_LABELS = { pushed: "Last pushed", name: "Name", pulls: "Most pulls", stars: "Most stars" } as const;

export default async function RepositoriesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/repositories");
  const query = repositoryListQuerySchema.parse(await searchParams);
  const choices = await listMyNamespaces(user, user.id);
  const ns = choices.find((c) => c.name === query.ns) ?? choices[0]!;
  const { items, total } = await searchNamespaceRepositories({
    namespaceId: ns.id,
    viewerId: user.id,
    q: query.q,
    sort: query.sort,
    page: query.page,
    pageSize: query.page_size,
  });
  // Switching keeps the URL parameter, and starts the new namespace's list from its first page.
  const options = choices.map((c) => ({ name: c.name, kind: c.kind, href: `/repositories?ns=${c.name}` }));
  const pages = pageCount(total, query.page_size);
  const href = (page: number, pageSize = query.page_size) =>
    listUrl("/repositories", { ns: ns.name, q: query.q, sort: query.sort, page, page_size: pageSize });
  return (
    <div className="space-y-6">
      <GettingStarted userId={user.id} />
      <PageHeader
        title="Repositories"
        actions={<ButtonLink href={`/repositories/new?ns=${ns.name}`}>Create repository</ButtonLink>}
      >
        <div className="mt-3">
          <NamespaceSwitcher current={options.find((o) => o.name === ns.name)!} options={options} />
        </div>
      </PageHeader>
      <form className="flex flex-wrap items-end gap-3" role="search">
        <input type="hidden" name="ns" value={ns.name} />
        {query.page_size !== DEFAULT_PAGE_SIZE ? (
          <input type="hidden" name="page_size" value={query.page_size} />
        ) : null}
        <Label text="Search by name">
          <Input name="q" defaultValue={query.q} />
        </Label>
        <Label text="Sort">
          <Select name="sort" defaultValue={query.sort}>
            {Object.entries(SORT_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
        </Label>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        <p className="ml-auto text-sm text-slate-500" data-testid="repository-count">
          {formatCount(total, "repository", "repositories")}
        </p>
      </form>
      <RepositoryList
        namespace={ns.name}
        repositories={items}
        emptyTitle={
          query.q
            ? `No repository in ${ns.name} matches “${query.q}”.`
            : `No repositories in ${ns.name} yet. Push your first image:`
        }
        empty={
          query.q ? null : (
            <div className="mt-3 space-y-3 text-left">
              <CopyField command value={`docker login ${getEnv().REGISTRY_PUBLIC_HOST}`} />
              <CopyField command value={`docker tag my-app ${getEnv().REGISTRY_PUBLIC_HOST}/${ns.name}/my-app:1.0`} />
              <CopyField command value={`docker push ${getEnv().REGISTRY_PUBLIC_HOST}/${ns.name}/my-app:1.0`} />
            </div>
          )
        }
      />
      <Pagination page={Math.min(query.page, pages)} pages={pages} href={href} pageSize={query.page_size} />
    </div>
  );
}
