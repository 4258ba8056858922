import { notFound } from "next/navigation";
import { deleteRepositoryAction } from "@/app/r/actions";
import { SimpleForm } from "@/components/forms/simple-form";
import { DetailsForm } from "@/components/repositories/details-form";
import { VisibilityForm } from "@/components/repositories/visibility-form";
import { Section } from "@/components/settings/section";
import { actorOf } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { roleAtLeast } from "@/lib/authz/repository-permissions";
import { viewRepository } from "@/lib/authz/repository-viewer";

export default async function RepositorySettingsPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  const user = await requireUser(`/r/${namespace}/${name}/settings`);
  const view = await viewRepository(actorOf(user), namespace, decodeURIComponent(name));
  if (!view || !roleAtLeast(view.role, "admin")) notFound();
  const { repo } = view;
  const path = `${repo.namespace}/${repo.name}`;
  return (
    <div className="space-y-8">
      <Section title="Visibility">
        <VisibilityForm namespace={repo.namespace} name={repo.name} visibility={repo.visibility} />
      </Section>
      <Section title="Description and overview">
        <DetailsForm namespace={repo.namespace} name={repo.name} description={repo.description} overview={repo.overview} />
      </Section>
      <Section title="Delete repository" tone="danger" description={`Deletes every tag and image of ${path} from the registry. This cannot be undone.`}>
        <SimpleForm action={deleteRepositoryAction} hidden={{ namespace: repo.namespace, name: repo.name }} submit="Delete repository" variant="danger" pending="Deleting…" fields={[{ name: "confirmation", label: `Type ${path} to confirm` }]} />
      </Section>
    </div>
  );
}
