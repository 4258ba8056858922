import { notFound } from "next/navigation";
import { z } from "zod";
import { Section } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { getWebhook } from "@/lib/data/webhooks";
import { loadRepositoryAsAdmin } from "@/lib/loaders/repository";

export const metadata = { title: "Edit webhook" };

export default async function EditWebhookPage({
  params,
}: {
  params: Promise<{ namespace: string; name: string; webhookId: string }>;
}) {
  const { namespace, name, webhookId } = await params;
  const view = await loadRepositoryAsAdmin(namespace, name, `/r/${namespace}/${name}/webhooks/${webhookId}/edit`);
  if (!z.uuid().safeParse(webhookId).success) notFound();
  const hook = await getWebhook(view.repo.id, webhookId);
  if (!hook) notFound();
  return (
    <div className="max-w-2xl space-y-4">
      <TextLink href={`/r/${view.repo.namespace}/${view.repo.name}/webhooks/${hook.id}`} className="text-sm">
        ← {hook.name}
      </TextLink>
      <Section title={`Edit ${hook.name}`} description="Deliveries waiting for a retry go to the new URL.">
        <WebhookForm
          namespace={view.repo.namespace}
          name={view.repo.name}
          webhookId={hook.id}
          initial={{
            webhookName: hook.name,
            url: hook.url,
            triggerType: hook.triggerType,
            triggerTags: hook.triggerTags.join("; "),
            triggerPattern: hook.triggerPattern ?? "",
            events: hook.events,
          }}
        />
      </Section>
    </div>
  );
}
