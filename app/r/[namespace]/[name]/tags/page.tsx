import { CopyField } from "@/components/ui/copy-field";
import { listUrl, Pagination } from "@/components/pagination";
import { ReconcileForm } from "@/components/repositories/reconcile-form";
import { TagFilters } from "@/components/repositories/tag-filters";
import { TagTable, type TagRow } from "@/components/repositories/tag-table";
import { Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TextLink } from "@/components/ui/text-link";
import { repositoryCan } from "@/lib/authz/rules/repository-permissions";
import { lastReconciliation, listTags } from "@/lib/data/registry-index";
import { describeImmutableRule } from "@/lib/authz/rules/immutable-tags";
import { immutableTagsOf } from "@/lib/data/immutable-tag-rules";
import { getEnv } from "@/lib/env";
import { formatBytes } from "@/lib/format";
import { loadRepository } from "@/lib/loaders/repository";
import { platformLabel } from "@/lib/registry/inspect";
import { pageCount } from "@/lib/validations/pagination";
import { tagListQuerySchema } from "@/lib/validations/tag-list";

type Props = {
  params: Promise<{ namespace: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The tag list, served from the index (no registry request), filtered, sorted and paged in the URL. */
export const metadata = { title: "Tags" };

export default async function RepositoryTagsPage({ params, searchParams }: Props) {
  const { namespace, name } = await params;
  const view = await loadRepository(namespace, name);
  const query = tagListQuerySchema.parse(await searchParams);
  const path = `${view.repo.namespace}/${view.repo.name}`;
  const base = `/r/${path}/tags`;
  const canDelete = repositoryCan(view.role, "deleteTags");
  const canRescan = repositoryCan(view.role, "rescan");
  const [{ items, total }, lastRun] = await Promise.all([
    listTags({ repositoryId: view.repo.id, q: query.q, sort: query.sort, page: query.page, pageSize: query.page_size }),
    canRescan ? lastReconciliation(path) : Promise.resolve(null),
  ]);
  const immutable = await immutableTagsOf(
    view.repo.namespaceId,
    view.repo.name,
    items.map((t) => t.name),
  );
  const host = getEnv().REGISTRY_PUBLIC_HOST;
  const pages = pageCount(total, query.page_size);
  const href = (page: number, pageSize = query.page_size) =>
    listUrl(base, { q: query.q, sort: query.sort, page, page_size: pageSize });
  const rows: TagRow[] = items.map((t) => ({
    name: t.name,
    digest: t.digest,
    pushedAtIso: t.pushedAt.toISOString(),
    pushedBy: t.pushedBy,
    lastPulledAtIso: t.lastPulledAt?.toISOString() ?? null,
    pullCount: t.pullCount,
    platforms: t.platforms?.map((p) => ({ label: platformLabel(p), size: formatBytes(p.size) })) ?? null,
    immutableRule: immutable.has(t.name) ? describeImmutableRule(immutable.get(t.name)!) : null,
  }));

  if (total === 0 && !query.q) {
    return (
      <div className="space-y-6">
        <Section title="No tags yet">
          <p className="mb-3 text-sm text-slate-600">Push an image to this repository:</p>
          <CopyField command value={`docker push ${host}/${path}:latest`} />
        </Section>
        {canRescan ? <ReconcileForm namespace={view.repo.namespace} name={view.repo.name} last={lastRun} /> : null}
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <TagFilters action={base} q={query.q} sort={query.sort} pageSize={query.page_size} total={total} />
      {items.length === 0 ? (
        <EmptyState
          title={`No tag matches “${query.q}”.`}
          action={<TextLink href={base}>Show all tags</TextLink>}
          testId="no-matching-tags"
        />
      ) : (
        <TagTable namespace={view.repo.namespace} name={view.repo.name} host={host} tags={rows} canDelete={canDelete} />
      )}
      <Pagination page={Math.min(query.page, pages)} pages={pages} href={href} pageSize={query.page_size} />
      {canRescan ? <ReconcileForm namespace={view.repo.namespace} name={view.repo.name} last={lastRun} /> : null}
    </div>
  );
}
