import { Notice } from "@/components/ui/notice";
import { notFound } from "next/navigation";
import { z } from "zod";
import { deleteWebhookAction, sendTestDeliveryAction, setWebhookActiveAction } from "@/lib/actions/webhooks";
import { SimpleForm } from "@/components/forms/simple-form";
import { listUrl, Pagination } from "@/components/pagination";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Section } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TextLink } from "@/components/ui/text-link";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { EVENT_LABELS } from "@/components/webhooks/delivery-status";
import { SavedNotice } from "@/components/webhooks/saved-notice";
import { SecretField } from "@/components/webhooks/secret-field";
import { triggerSummary } from "@/components/webhooks/trigger-summary";
import { getWebhook, listDeliveries } from "@/lib/data/webhooks";
import { loadRepositoryAsAdmin } from "@/lib/loaders/repository";
import { pageCount } from "@/lib/validations/pagination";
import { deliveryLogQuerySchema } from "@/lib/validations/webhook";
import { formatNumber } from "@/lib/format";

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

type Props = {
  params: Promise<{ namespace: string; name: string; webhookId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata = { title: "Webhook" };

/** One webhook: its settings, secret, test and pause buttons, and the delivery log (paged in the URL). */
export default async function WebhookPage({ params, searchParams }: Props) {
  const { namespace, name, webhookId } = await params;
  const view = await loadRepositoryAsAdmin(namespace, name, `/r/${namespace}/${name}/webhooks/${webhookId}`);
  if (!z.uuid().safeParse(webhookId).success) notFound();
  const hook = await getWebhook(view.repo.id, webhookId);
  if (!hook) notFound();
  const sp = await searchParams;
  const { page, page_size: pageSize } = deliveryLogQuerySchema.parse(sp);
  const { items, total } = await listDeliveries(hook.id, page, pageSize);
  const repo = { namespace: view.repo.namespace, name: view.repo.name };
  const base = `/r/${repo.namespace}/${repo.name}/webhooks`;
  const ids = { ...repo, webhookId: hook.id };
  return (
    <div className="space-y-6">
      <TextLink href={base} className="text-sm">
        ← Webhooks
      </TextLink>
      {sp.created || sp.unresolved ? (
        <SavedNotice params={["created", "unresolved"]}>
          {sp.created ? (
            <p
              role="status"
              data-testid="webhook-created"
              className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
            >
              Webhook created. Reveal its secret below and configure your receiver to verify the{" "}
              <code>X-Dockyard-Signature</code> header.
            </p>
          ) : null}
          {sp.unresolved ? (
            <Notice role="status" data-testid="webhook-unresolved">
              <span className="font-mono">{hostOf(hook.url)}</span> does not resolve yet; deliveries will fail until it
              does.
            </Notice>
          ) : null}
        </SavedNotice>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="flex items-center gap-2 text-lg font-semibold" data-testid="webhook-name">
            {hook.name}
            {!hook.active ? <Badge>Paused</Badge> : null}
          </h2>
          <p className="font-mono text-sm break-all text-slate-600">{hook.url}</p>
          <p className="mt-1 text-sm text-slate-600">
            {triggerSummary(hook)} · {hook.events.map((e) => EVENT_LABELS[e] ?? e).join(", ")}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ButtonLink href={`${base}/${hook.id}/edit`} variant="secondary">
            Edit
          </ButtonLink>
          <SimpleForm
            action={setWebhookActiveAction}
            hidden={{ ...ids, active: String(!hook.active) }}
            submit={hook.active ? "Pause" : "Resume"}
            variant="secondary"
            inline
          />
          <SimpleForm action={sendTestDeliveryAction} hidden={ids} submit="Send test" pending="Queuing…" inline />
        </div>
      </div>

      <Section
        title="Signing secret"
        description="Each delivery carries X-Dockyard-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of “t.body” under this secret>. Verify it against the raw body and refuse old timestamps."
      >
        <SecretField {...ids} />
      </Section>

      <section aria-labelledby="deliveries" className="space-y-3">
        <h2 id="deliveries" className="text-base font-semibold">
          Recent deliveries <span className="font-normal text-slate-500">({formatNumber(total)})</span>
        </h2>
        {items.length === 0 ? (
          <EmptyState title="Nothing sent yet." testId="deliveries-empty">
            Push a matching tag, or use <span className="font-medium">Send test</span> to try your receiver.
          </EmptyState>
        ) : (
          <DeliveryLog deliveries={items} {...ids} now={new Date()} />
        )}
        <Pagination
          page={page}
          pages={pageCount(total, pageSize)}
          href={(p, size) => listUrl(`${base}/${hook.id}`, { page: p, page_size: size })}
          pageSize={pageSize}
        />
      </section>

      <Section
        title="Delete webhook"
        tone="danger"
        description="Deletes the webhook and its delivery log. Pending retries are dropped."
      >
        <ConfirmDialog
          trigger="Delete webhook"
          triggerVariant="danger"
          title={`Delete the webhook ${hook.name}?`}
          description="The webhook and its delivery log are deleted, and pending retries are dropped. This cannot be undone."
          confirmLabel="Delete webhook"
          pendingText="Deleting…"
          formAction={deleteWebhookAction}
          fields={
            <>
              {Object.entries(ids).map(([k, v]) => (
                <input key={k} type="hidden" name={k} value={v} />
              ))}
              {/* The dialog is the confirmation the schema asks for (deleteWebhookSchema.confirm). */}
              <input type="hidden" name="confirm" value="on" />
            </>
          }
        />
      </Section>
    </div>
  );
}
