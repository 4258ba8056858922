import { Section } from "@/components/ui/card";
import type { NamespaceBuildsData } from "@/lib/loaders/builds";
import { BuildRecords } from "./build-records";

/** A namespace's latest builds across its repositories (personal and organization settings). */
export function NamespaceBuilds({ data, basePath }: { data: NamespaceBuildsData; basePath: string }) {
  const ns = data.namespace.name;
  return (
    <Section
      title="Recent builds"
      description={`Builds of every repository of ${ns}/, newest first. Each repository's Builds tab has its rules and Build now.`}
    >
      <BuildRecords
        namespace={ns}
        builds={data.builds}
        positions={data.positions}
        page={data.page}
        pages={data.pages}
        basePath={basePath}
        empty={{
          title: "No builds yet",
          text: `Builds of the repositories of ${ns}/ show here. Set a Git source and a build rule on a repository's Builds tab, then use Build now.`,
        }}
      />
    </Section>
  );
}
