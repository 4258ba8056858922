import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { listUrl } from "@/components/pagination";
import { SiteStorageFigures } from "@/components/storage/site-storage-figures";
import { StorageHistoryChart } from "@/components/storage/storage-history-chart";
import { NamespaceStorageTable, RepositoryStorageTable } from "@/components/storage/storage-tables";
import { Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";
import { storageOverviewFor } from "@/lib/authz/storage";
import { formatCount } from "@/lib/format";
import { pageCount } from "@/lib/validations/pagination";
import {
  STORAGE_ADMIN_PAGE_SIZE,
  STORAGE_HISTORY_DAYS,
  storageAdminQuerySchema,
} from "@/lib/validations/storage-admin";

export const metadata: Metadata = { title: "Storage" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The registry's storage for site operators: site figures, the largest namespaces and repositories, storage over time. */
export default async function AdminStoragePage({ searchParams }: Props) {
  const user = await requireUser("/admin/storage");
  if (!isSiteOperator(user)) notFound();
  const query = storageAdminQuerySchema.parse(await searchParams);
  const { site, namespaces, repositories, history } = await storageOverviewFor(user, query);
  const url = (page: number, repoPage: number) =>
    listUrl("/admin/storage", { page, repo_page: repoPage === 1 ? null : repoPage });
  const nsPages = pageCount(namespaces.total, STORAGE_ADMIN_PAGE_SIZE);
  const repoPages = pageCount(repositories.total, STORAGE_ADMIN_PAGE_SIZE);
  // Past the last page (an old link, namespaces deleted since): the last page that exists.
  if (query.page > nsPages || query.repo_page > repoPages)
    redirect(url(Math.min(query.page, nsPages), Math.min(query.repo_page, repoPages)));
  // Past days from their snapshots; today live, so the last bar is what the figures above say.
  const today = new Date().toISOString().slice(0, 10);
  const series = [
    ...history.filter((d) => d.day < today),
    ...(site.calculating ? history.filter((d) => d.day === today) : [{ day: today, uniqueBytes: site.uniqueBytes }]),
  ];
  const empty = site.taggedBytes === 0 && namespaces.total === 0 && !site.calculating;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Storage"
        description="What the registry keeps stored, who stores the most, and each namespace's quota."
      />
      <SiteStorageFigures site={site} />
      <StorageHistoryChart data={series} days={STORAGE_HISTORY_DAYS} today={today} />
      {empty ? (
        <EmptyState title="No images yet" testId="storage-empty">
          Once images are pushed, the namespaces and repositories storing the most are listed here, with each
          namespace&rsquo;s quota.
        </EmptyState>
      ) : (
        <>
          <Section
            title="Largest namespaces"
            description={`${formatCount(namespaces.total, "namespace")} storing images, largest first. A namespace's own quota overrides the site default (Admin → Settings).`}
          >
            <NamespaceStorageTable
              rows={namespaces.items}
              page={query.page}
              pages={nsPages}
              href={(p) => url(p, query.repo_page)}
            />
          </Section>
          <Section
            title="Largest repositories"
            description={`${formatCount(repositories.total, "repository", "repositories")} storing images, largest first.`}
          >
            <RepositoryStorageTable
              rows={repositories.items}
              page={query.repo_page}
              pages={repoPages}
              href={(p) => url(query.page, p)}
            />
          </Section>
        </>
      )}
    </div>
  );
}
