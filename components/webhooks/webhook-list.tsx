import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TextLink } from "@/components/ui/text-link";
import type { WebhookSummary } from "@/lib/data/webhooks";
import { Time } from "@/components/ui/time";
import { DeliveryStatus, EVENT_LABELS } from "./delivery-status";
import { triggerSummary } from "./trigger-summary";

/** The repository's webhooks with their trigger, events and last delivery; an explanation when there are none. */
export function WebhookList({
  hooks,
  pending,
  base,
  now,
}: {
  hooks: WebhookSummary[];
  pending: Map<string, number>;
  base: string;
  now: Date;
}) {
  if (hooks.length === 0) {
    return (
      <EmptyState
        title="No webhooks yet"
        action={<ButtonLink href={`${base}/new`}>Create the first webhook</ButtonLink>}
        testId="webhooks-empty"
      >
        A webhook calls your URL when a tag is pushed or deleted — to deploy, run tests or post to chat. Payloads use
        Docker Hub&apos;s format and are signed with a secret, so receivers can trust them.
      </EmptyState>
    );
  }
  return (
    <Card padded={false}>
      <ul className="divide-y divide-slate-200">
        {hooks.map((h) => (
          <li key={h.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3" data-testid="webhook-item">
            <div className="min-w-0 flex-1">
              <TextLink href={`${base}/${h.id}`}>{h.name}</TextLink>
              {!h.active ? <Badge className="ml-2">Paused</Badge> : null}
              <p className="truncate font-mono text-xs text-slate-500">{h.url}</p>
            </div>
            <div className="text-sm text-slate-600">
              {triggerSummary(h)} · {h.events.map((e) => EVENT_LABELS[e] ?? e).join(", ")}
            </div>
            <div className="flex items-center gap-2 text-sm text-slate-600">
              {h.lastDelivery ? (
                <>
                  <DeliveryStatus status={h.lastDelivery.status} />
                  <Time value={h.lastDelivery.createdAt} now={now} />
                </>
              ) : (
                <span className="text-slate-500">No deliveries yet</span>
              )}
              {(pending.get(h.id) ?? 0) > 0 ? (
                <span className="text-amber-700">{pending.get(h.id)} pending</span>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
