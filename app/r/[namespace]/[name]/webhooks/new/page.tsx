import { Section } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { loadRepositoryAsAdmin } from "@/lib/loaders/repository";

export const metadata = { title: "New webhook" };

export default async function NewWebhookPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  const view = await loadRepositoryAsAdmin(namespace, name, `/r/${namespace}/${name}/webhooks/new`);
  return (
    <div className="max-w-2xl space-y-4">
      <TextLink href={`/r/${view.repo.namespace}/${view.repo.name}/webhooks`} className="text-sm">
        ← Webhooks
      </TextLink>
      <Section
        title="New webhook"
        description="A signing secret is generated for the webhook; you can reveal it on the next page."
      >
        <WebhookForm namespace={view.repo.namespace} name={view.repo.name} />
      </Section>
    </div>
  );
}
