import { redeliverAction } from "@/lib/actions/webhooks";
import { SimpleForm } from "@/components/forms/simple-form";
import { Card } from "@/components/ui/card";
import type { DeliveryWithAttempts } from "@/lib/data/webhooks";
import { Time } from "@/components/ui/time";
import { formatCount } from "@/lib/format";
import { DeliveryStatus, EVENT_LABELS } from "./delivery-status";

function attemptOutcome(a: DeliveryWithAttempts["attemptLog"][number]): string {
  if (!a.finishedAt) return "in progress";
  if (a.statusCode) return `HTTP ${a.statusCode}`;
  return a.error ?? "no answer";
}

/**
 * A webhook's deliveries, newest first: what was sent, how each attempt went (status, time,
 * response excerpt) and a Redeliver button. Rendered on the server; <details> opens without JS.
 */
export function DeliveryLog({
  deliveries,
  namespace,
  name,
  webhookId,
  now,
}: {
  deliveries: DeliveryWithAttempts[];
  namespace: string;
  name: string;
  webhookId: string;
  now: Date;
}) {
  return (
    <Card padded={false}>
      <ul className="divide-y divide-slate-200" data-testid="delivery-log">
        {deliveries.map((d) => {
          const last = d.attemptLog.at(-1);
          return (
            <li key={d.id} data-testid="delivery" data-delivery-id={d.id} className="px-4 py-3">
              <details>
                <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                  <DeliveryStatus status={d.status} />
                  <span className="font-medium" data-testid="delivery-event">
                    {EVENT_LABELS[d.event] ?? d.event}
                  </span>
                  {d.tag ? (
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs" data-testid="delivery-tag">
                      {d.tag}
                    </code>
                  ) : null}
                  <Time value={d.createdAt} now={now} className="text-slate-500" />
                  <span className="text-slate-500" data-testid="delivery-attempts">
                    {formatCount(d.attempts, "attempt")}
                  </span>
                  {last ? (
                    <span className="text-slate-600" data-testid="delivery-last-status">
                      {attemptOutcome(last)}
                      {last.durationMs !== null ? ` · ${last.durationMs} ms` : ""}
                    </span>
                  ) : null}
                  {d.status === "retrying" && d.nextAttemptAt ? (
                    <span className="text-amber-700">
                      next try <Time value={d.nextAttemptAt} now={now} />
                    </span>
                  ) : null}
                  {d.redeliveryOfId ? <span className="text-xs text-slate-500">redelivery</span> : null}
                  {d.callbackState ? (
                    <span className="text-xs text-slate-600">
                      receiver reported: {d.callbackState}
                      {d.callbackDescription ? ` (${d.callbackDescription})` : ""}
                    </span>
                  ) : null}
                  <span className="ml-auto text-xs text-link">Details</span>
                </summary>
                <div className="mt-3 space-y-4">
                  {d.attemptLog.length === 0 ? <p className="text-sm text-slate-500">Not attempted yet.</p> : null}
                  {d.attemptLog.length > 0 ? (
                    // Scrolls sideways on a phone rather than cutting the response column off.
                    <div className="overflow-x-auto">
                      <table className="w-full text-left text-sm" data-testid="attempt-table">
                        <thead className="text-xs text-slate-500 uppercase">
                          <tr>
                            <th className="py-1 pr-3 font-medium">Attempt</th>
                            <th className="py-1 pr-3 font-medium">Time</th>
                            <th className="py-1 pr-3 font-medium">Result</th>
                            <th className="py-1 pr-3 font-medium">Duration</th>
                            <th className="py-1 font-medium">Response</th>
                          </tr>
                        </thead>
                        <tbody className="align-top">
                          {d.attemptLog.map((a) => (
                            <tr key={a.id} data-testid="attempt-row" className="border-t border-slate-100">
                              <td className="py-1.5 pr-3">#{a.attempt}</td>
                              <td className="py-1.5 pr-3 whitespace-nowrap text-slate-600">
                                <Time value={a.startedAt} now={now} />
                              </td>
                              <td
                                className={`min-w-40 py-1.5 pr-3 break-words ${a.statusCode && a.statusCode < 300 ? "text-emerald-700" : "text-red-700"}`}
                                data-testid="attempt-result"
                              >
                                {attemptOutcome(a)}
                              </td>
                              <td className="py-1.5 pr-3 whitespace-nowrap text-slate-600">
                                {a.durationMs !== null ? `${a.durationMs} ms` : "—"}
                              </td>
                              <td className="py-1.5">
                                {a.responseExcerpt ? (
                                  <pre className="max-h-24 max-w-xl overflow-auto rounded bg-slate-50 p-1.5 text-xs break-all whitespace-pre-wrap">
                                    {a.responseExcerpt}
                                  </pre>
                                ) : (
                                  <span className="text-slate-500">—</span>
                                )}
                                {a.error && a.statusCode ? <p className="text-xs text-red-700">{a.error}</p> : null}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ) : null}
                  <details className="text-sm">
                    <summary className="cursor-pointer text-slate-600">Payload</summary>
                    <pre className="mt-2 max-h-80 overflow-auto rounded-lg bg-terminal p-3 text-xs text-terminal-fg">
                      {JSON.stringify(d.payload, null, 2)}
                    </pre>
                  </details>
                  <SimpleForm
                    action={redeliverAction}
                    hidden={{ namespace, name, webhookId, deliveryId: d.id }}
                    submit="Redeliver"
                    pending="Queuing…"
                    variant="secondary"
                    inline
                  />
                </div>
              </details>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
