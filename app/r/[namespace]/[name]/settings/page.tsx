import type { Metadata } from "next";
import { deleteRepositoryAction } from "@/lib/actions/repository";
import { DeletionImpact } from "@/components/repositories/deletion-impact";
import { DetailsForm } from "@/components/repositories/details-form";
import { VisibilityForm } from "@/components/repositories/visibility-form";
import { Section } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { loadRepositoryAsAdmin } from "@/lib/loaders/repository";

export const metadata: Metadata = { title: "Settings" };

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
        <ConfirmDialog
          trigger="Delete repository"
          triggerVariant="danger"
          title={`Delete ${path}?`}
          description={`Every tag and image of ${path} is deleted from the registry; pulls of it fail from now on. This cannot be undone.`}
          whileOpen={<DeletionImpact namespace={repo.namespace} name={repo.name} tags={null} />}
          confirmLabel="Delete repository"
          pendingText="Deleting…"
          confirmText={path}
          formAction={deleteRepositoryAction}
          testId="delete-repository-dialog"
          fields={
            <>
              <input type="hidden" name="namespace" value={repo.namespace} />
              <input type="hidden" name="name" value={repo.name} />
            </>
          }
        />
      </Section>
    </div>
  );
}
