import { deleteRepositoryAction } from "@/lib/actions/repository";
import { SimpleForm } from "@/components/forms/simple-form";
import { DetailsForm } from "@/components/repositories/details-form";
import { VisibilityForm } from "@/components/repositories/visibility-form";
import { Section } from "@/components/ui/card";
import { loadRepositoryAsAdmin } from "@/lib/loaders/repository";

export default async function RepositorySettingsPage({
  params,
}: {
  params: Promise<{ namespace: string; name: string }>;
}) {
  const { namespace, name } = await params;
  const { repo } = await loadRepositoryAsAdmin(namespace, name, `/r/${namespace}/${name}/settings`);
  const path = `${repo.namespace}/${repo.name}`;
  return (
    <div className="space-y-8">
      <Section title="Visibility">
        <VisibilityForm namespace={repo.namespace} name={repo.name} visibility={repo.visibility} />
      </Section>
      <Section title="Description and overview">
        <DetailsForm
          namespace={repo.namespace}
          name={repo.name}
          description={repo.description}
          overview={repo.overview}
        />
      </Section>
      <Section
        title="Delete repository"
        tone="danger"
        description={`Deletes every tag and image of ${path} from the registry. This cannot be undone.`}
      >
        <SimpleForm
          action={deleteRepositoryAction}
          hidden={{ namespace: repo.namespace, name: repo.name }}
          submit="Delete repository"
          variant="danger"
          pending="Deleting…"
          fields={[{ name: "confirmation", label: `Type ${path} to confirm` }]}
        />
      </Section>
    </div>
  );
}
