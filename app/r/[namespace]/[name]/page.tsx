import { CopyField } from "@/components/ui/copy-field";
import { MarkdownView } from "@/components/repositories/markdown";
import { Card, Section } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { PullChart } from "@/components/repositories/pull-chart";
import { PullCommand } from "@/components/repositories/pull-command";
import { defaultPullTag } from "@/components/repositories/pull-commands";
import { repositoryCan } from "@/lib/authz/rules/repository-permissions";
import { listPullTagChoices, listTags, pullsPerDay } from "@/lib/data/registry-index";
import { getRepositoryStorage } from "@/lib/data/storage";
import { StorageFigure } from "@/components/storage/storage-figure";
import { getEnv } from "@/lib/env";
import { Time } from "@/components/ui/time";
import { formatBytes, formatNumber } from "@/lib/format";
import { loadRepository } from "@/lib/loaders/repository";

export default async function RepositoryGeneralPage({
  params,
  searchParams,
}: {
  params: Promise<{ namespace: string; name: string }>;
  searchParams: Promise<{ created?: string; days?: string }>;
}) {
  const { namespace, name } = await params;
  const query = await searchParams;
  const created = query.created === "1";
  const days = query.days === "90" ? 90 : 30;
  const { repo, role } = await loadRepository(namespace, name);
  const full = `${getEnv().REGISTRY_PUBLIC_HOST}/${repo.namespace}/${repo.name}`;
  const host = getEnv().REGISTRY_PUBLIC_HOST;
  const base = `/r/${repo.namespace}/${repo.name}`;
  const [latest, pulls, pullTags, storage] = await Promise.all([
    listTags({ repositoryId: repo.id, q: "", sort: "pushed", page: 1, pageSize: 5 }).then((r) => r.items),
    pullsPerDay(repo.id, days),
    listPullTagChoices(repo.id),
    getRepositoryStorage(repo.id),
  ]);
  // The push commands of an empty repository are for those who may push, and not twice on one page.
  const pushHost = repositoryCan(role, "push") && !created ? host : null;
  return (
    <div className="space-y-8">
      {created ? (
        <section
          className="space-y-3 rounded-xl border border-emerald-300 bg-emerald-50 p-5"
          data-testid="push-instructions"
        >
          <h2 className="font-semibold text-emerald-900">Repository created. Push your first image:</h2>
          <CopyField command value={`docker login ${host}`} />
          <CopyField command value={`docker tag my-image ${full}:latest`} />
          <CopyField command value={`docker push ${full}:latest`} />
        </section>
      ) : null}
      <div className="grid gap-8 lg:grid-cols-[1fr_320px]">
        <div className="min-w-0 space-y-8">
          <Section title="Overview">
            {repo.overview ? (
              <MarkdownView source={repo.overview} />
            ) : (
              <p className="text-sm text-slate-600">No overview yet.</p>
            )}
          </Section>
          <PullChart data={pulls} days={days} hrefFor={(d) => (d === 30 ? base : `${base}?days=${d}`)} />
        </div>
        <aside className="space-y-6">
          <Section title="Pull this image">
            <PullCommand
              image={full}
              tags={pullTags.map((t) => ({ name: t.name, digest: t.digest }))}
              initialTag={defaultPullTag(pullTags)?.name ?? null}
              plainHttp={getEnv().REGISTRY_URL.startsWith("http:")}
              pushHost={pushHost}
            />
          </Section>
          <Section title="Latest tags">
            {latest.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing pushed yet.</p>
            ) : (
              <ul className="space-y-1 text-sm" data-testid="latest-tags">
                {latest.map((t) => (
                  <li key={t.name} className="flex justify-between gap-3">
                    <TextLink href={`${base}/tags/${encodeURIComponent(t.name)}`} className="truncate">
                      {t.name}
                    </TextLink>
                    <span className="shrink-0 text-slate-500">
                      {t.size !== null ? `${formatBytes(t.size)} · ` : ""}
                      <Time value={t.pushedAt} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="Storage">
            <StorageFigure storage={storage} scope="repository" />
          </Section>
          <Card>
            <dl className="grid grid-cols-3 gap-2 text-center text-sm" data-testid="repository-stats">
              <div>
                <dt className="text-slate-500">Pulls</dt>
                <dd className="font-semibold">{formatNumber(repo.pullCount)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Stars</dt>
                <dd className="font-semibold">{formatNumber(repo.starCount)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Pushed</dt>
                <dd className="font-semibold">{repo.lastPushedAt ? <Time value={repo.lastPushedAt} /> : "Never"}</dd>
              </div>
            </dl>
          </Card>
        </aside>
      </div>
    </div>
  );
}
