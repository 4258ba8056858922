import { listWebhooks, pendingDeliveryCounts } from "@/lib/data/webhooks";
import { MAX_WEBHOOKS_PER_REPOSITORY } from "@/lib/services/webhook/create";
import { ButtonLink } from "@/components/ui/button";
import { WebhookList } from "@/components/webhooks/webhook-list";
import { loadRepositoryAsAdmin } from "@/lib/loaders/repository";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  const view = await loadRepositoryAsAdmin(namespace, name, `/r/${namespace}/${name}/webhooks`);
  const base = `/r/${view.repo.namespace}/${view.repo.name}/webhooks`;
  const hooks = await listWebhooks(view.repo.id);
  const pending = await pendingDeliveryCounts(hooks.map((h) => h.id));
  const full = hooks.length >= MAX_WEBHOOKS_PER_REPOSITORY;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Webhooks</h2>
          <p className="text-sm text-slate-600">
            POST a signed JSON payload to your services when tags are pushed or deleted. {hooks.length} of{" "}
            {MAX_WEBHOOKS_PER_REPOSITORY} used.
          </p>
        </div>
        {full ? (
          <span className="text-sm text-slate-500">Limit reached: delete a webhook to add another.</span>
        ) : hooks.length === 0 ? null : (
          <ButtonLink href={`${base}/new`}>New webhook</ButtonLink>
        )}
      </div>
      <WebhookList hooks={hooks} pending={pending} base={base} now={new Date()} />
    </div>
  );
}
