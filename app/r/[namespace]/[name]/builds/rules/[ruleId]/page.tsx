import Link from "next/link";
import { notFound } from "next/navigation";
import { BuildRuleForm } from "@/components/builds/build-rule-form";
import { Section } from "@/components/ui/card";
import { listBuildRules } from "@/lib/data/build-settings";
import { loadRepositoryAsAdmin } from "@/lib/loaders/repository";

export const metadata = { title: "Edit build rule" };

export default async function EditBuildRulePage({
  params,
}: {
  params: Promise<{ namespace: string; name: string; ruleId: string }>;
}) {
  const { namespace, name, ruleId } = await params;
  const view = await loadRepositoryAsAdmin(namespace, name, `/r/${namespace}/${name}/builds`);
  const rule = (await listBuildRules(view.repo.id)).find((r) => r.id === ruleId);
  if (!rule) notFound();
  const base = `/r/${view.repo.namespace}/${view.repo.name}/builds`;
  return (
    <div className="max-w-3xl space-y-4">
      <Link href={base} className="text-sm text-slate-600 hover:underline">
        ← Builds
      </Link>
      <Section title="Edit build rule">
        <BuildRuleForm
          namespace={view.repo.namespace}
          name={view.repo.name}
          ruleId={rule.id}
          initial={{
            sourceType: rule.sourceType,
            sourceName: rule.sourceName,
            sourceRegex: rule.sourceRegex,
            tagTemplate: rule.tagTemplate,
            dockerfilePath: rule.dockerfilePath,
            contextDir: rule.contextDir,
            buildArgs: rule.buildArgs.map((a) => `${a.key}=${a.value}`).join("\n"),
            enabled: rule.enabled,
          }}
        />
      </Section>
    </div>
  );
}
