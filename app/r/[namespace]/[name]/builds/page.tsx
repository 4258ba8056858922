import { BuildRuleForm } from "@/components/builds/build-rule-form";
import { BuildRuleTable } from "@/components/builds/build-rule-table";
import { BuildSourceForm } from "@/components/builds/build-source-form";
import { BuildWebhook } from "@/components/builds/build-webhook";
import { DeployKey } from "@/components/builds/deploy-key";
import { Section } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { MAX_BUILD_RULES } from "@/lib/builds/rules";
import { getBuildSource, listBuildRules } from "@/lib/data/build-settings";
import { getSiteSetting } from "@/lib/data/site-settings";
import { getEnv } from "@/lib/env";
import { loadRepositoryAsAdmin } from "@/lib/loaders/repository";

export const metadata = { title: "Builds" };

/** A repository's build source and rules (admins). Builds themselves come with the build engine. */
export default async function BuildsPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  const view = await loadRepositoryAsAdmin(namespace, name, `/r/${namespace}/${name}/builds`);
  const repo = { namespace: view.repo.namespace, name: view.repo.name };
  const [source, rules, enabled] = await Promise.all([
    getBuildSource(view.repo.id),
    listBuildRules(view.repo.id),
    getSiteSetting("builds.enabled"),
  ]);
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
          <BuildRuleTable {...repo} rules={rules} base={`/r/${repo.namespace}/${repo.name}/builds`} />
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
    </div>
  );
}
