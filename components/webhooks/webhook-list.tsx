import Link from "next/link";
import type { WebhookSummary } from "@/lib/data/webhooks";
import { formatRelative } from "@/lib/format";
import { DeliveryStatus, EVENT_LABELS } from "./delivery-status";
import { triggerSummary } from "./trigger-summary";

/** The repository's webhooks with their trigger, events and last delivery; an explanation when there are none. */
export function WebhookList({ hooks, pending, base, now }: { hooks: WebhookSummary[]; pending: Map<string, number>; base: string; now: Date }) {
  if (hooks.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="webhooks-empty">
        <p className="font-medium">No webhooks yet</p>
        <p className="mx-auto mt-1 max-w-xl text-sm text-slate-600">
          A webhook calls your URL when a tag is pushed or deleted — to deploy, run tests or post to chat. Payloads use Docker Hub&apos;s format and are signed with a secret, so receivers
          can trust them.
        </p>
        <Link href={`${base}/new`} className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Create the first webhook
        </Link>
      </div>
    );
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
      {hooks.map((h) => (
        <li key={h.id} className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3" data-testid="webhook-item">
          <div className="min-w-0 flex-1">
            <Link href={`${base}/${h.id}`} className="font-medium text-brand-700 hover:underline">
              {h.name}
            </Link>
            {!h.active ? <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Paused</span> : null}
            <p className="truncate font-mono text-xs text-slate-500">{h.url}</p>
          </div>
          <div className="text-sm text-slate-600">
            {triggerSummary(h)} · {h.events.map((e) => EVENT_LABELS[e] ?? e).join(", ")}
          </div>
          <div className="flex items-center gap-2 text-sm text-slate-600">
            {h.lastDelivery ? (
              <>
                <DeliveryStatus status={h.lastDelivery.status} />
                <span title={h.lastDelivery.createdAt.toISOString()}>{formatRelative(h.lastDelivery.createdAt, now)}</span>
              </>
            ) : (
              <span className="text-slate-400">No deliveries yet</span>
            )}
            {(pending.get(h.id) ?? 0) > 0 ? <span className="text-amber-700">{pending.get(h.id)} pending</span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
