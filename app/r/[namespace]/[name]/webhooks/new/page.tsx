import Link from "next/link";
import { notFound } from "next/navigation";
import { Section } from "@/components/settings/section";
import { WebhookForm } from "@/components/webhooks/webhook-form";
import { actorOf } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { viewRepositoryAsAdmin } from "@/lib/authz/repository-viewer";

export default async function NewWebhookPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  const user = await requireUser(`/r/${namespace}/${name}/webhooks/new`);
  const view = await viewRepositoryAsAdmin(actorOf(user), namespace, decodeURIComponent(name));
  if (!view) notFound();
  return (
    <div className="max-w-2xl space-y-4">
      <Link href={`/r/${view.repo.namespace}/${view.repo.name}/webhooks`} className="text-sm text-brand-600 hover:underline">
        ← Webhooks
      </Link>
      <Section title="New webhook" description="A signing secret is generated for the webhook; you can reveal it on the next page.">
        <WebhookForm namespace={view.repo.namespace} name={view.repo.name} />
      </Section>
    </div>
  );
}
