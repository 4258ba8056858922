import { BuildNowForm } from "@/components/builds/build-now-form";
import { BuildRecords } from "@/components/builds/build-records";
import { BuildRuleForm } from "@/components/builds/build-rule-form";
import { BuildRuleTable } from "@/components/builds/build-rule-table";
import { BuildSourceForm } from "@/components/builds/build-source-form";
import { BuildWebhook } from "@/components/builds/build-webhook";
import { ClearCacheButton } from "@/components/builds/clear-cache-button";
import { DeployKey } from "@/components/builds/deploy-key";
import { Section } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { MAX_BUILD_RULES } from "@/lib/builds/rules";
import { getEnv } from "@/lib/env";
import { formatCount } from "@/lib/format";
import { loadBuildsPage } from "@/lib/loaders/builds";
import { pageParam } from "@/lib/loaders/retention";

export const metadata = { title: "Builds" };

/** A repository's builds (admins): Build now, the records (`?page=`), the Git source, the rules, the cache. */
export default async function BuildsPage({
  params,
  searchParams,
}: {
  params: Promise<{ namespace: string; name: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const { namespace, name } = await params;
  const data = await loadBuildsPage(namespace, name, pageParam((await searchParams).page));
  const repo = { namespace: data.view.repo.namespace, name: data.view.repo.name };
  const base = `/r/${repo.namespace}/${repo.name}/builds`;
  const { rules, source, enabled } = data;
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold">Builds</h2>
        <p className="text-sm text-slate-600">
          Build images of this repository from a Git repository: each rule maps pushed branches or tags to an image tag.
        </p>
      </div>
      {enabled ? null : (
        <Notice role="note" data-testid="builds-disabled">
          Builds are not enabled on this site. You can prepare the source and rules; nothing is built until a site
          operator turns builds on.
        </Notice>
      )}
      {rules.length > 0 ? (
        <Section
          title="Build now"
          description="Builds a rule's branch or tag at its latest commit, with the rule's settings."
        >
          <BuildNowForm
            {...repo}
            rules={rules.map((r) => ({
              id: r.id,
              label: `${r.sourceType === "branch" ? "Branch" : "Tag"} ${r.sourceRegex ? `/${r.sourceName}/` : r.sourceName} → ${r.tagTemplate}${r.enabled ? "" : " (off)"}`,
            }))}
          />
        </Section>
      ) : null}
      <Section
        title="Recent builds"
        description={data.total > 0 ? `${formatCount(data.total, "build")}, newest first.` : undefined}
      >
        <BuildRecords
          {...repo}
          builds={data.builds}
          positions={data.positions}
          page={data.page}
          pages={data.pages}
          basePath={base}
          empty={{
            title: "No builds yet",
            text: source
              ? rules.length > 0
                ? "Choose a rule under Build now, or push to a branch or tag a rule matches with the build webhook set up at your Git host: each build, its status and its live log show here."
                : "Add a build rule below, then use Build now: each build, its status and its live log show here."
              : "Save a Git source and add a build rule below, then use Build now: each build, its status and its live log show here.",
          }}
        />
      </Section>
      <Section title="Source">
        <div className="space-y-6">
          <BuildSourceForm {...repo} current={source} />
          {source?.deployPublicKey ? <DeployKey {...repo} publicKey={source.deployPublicKey} /> : null}
          {source ? (
            <BuildWebhook {...repo} url={`${getEnv().CONSOLE_URL}/api/build-hooks/${repo.namespace}/${repo.name}`} />
          ) : null}
        </div>
      </Section>
      <Section
        title="Build rules"
        description={`${rules.length} of ${MAX_BUILD_RULES} used. A push that matches several rules builds once per rule.`}
      >
        <div className="space-y-6">
          <BuildRuleTable {...repo} rules={rules} base={base} />
          {rules.length < MAX_BUILD_RULES ? (
            <div>
              <h3 className="mb-3 text-sm font-medium text-slate-800">Add a rule</h3>
              <BuildRuleForm {...repo} />
            </div>
          ) : (
            <p className="text-sm text-slate-600">Limit reached: delete a rule to add another.</p>
          )}
        </div>
      </Section>
      <Section
        title="Build cache"
        description="Layers of earlier builds are kept per repository and reused. Clear them if a build keeps a stale step."
      >
        <ClearCacheButton {...repo} />
      </Section>
    </div>
  );
}
