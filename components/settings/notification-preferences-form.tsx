"use client";

import { useActionState } from "react";
import { setNotificationPreferencesAction } from "@/lib/actions/notification-preferences";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";

export type PreferenceRow = { kind: string; label: string; description: string; email: boolean; inApp: boolean };

const CHANNELS = [
  ["email", "Email"],
  ["inApp", "In-app"],
] as const;

/**
 * Every kind × channel as one form: a ticked box sends `email=<kind>` or `inApp=<kind>`, so the
 * action receives the full set of choices at once (an unticked box sends nothing, meaning off).
 */
export function NotificationPreferencesForm({ rows }: { rows: PreferenceRow[] }) {
  const [state, action] = useActionState(setNotificationPreferencesAction, initialFormState);
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <div className="relative overflow-x-auto rounded-lg border border-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="notification-preferences">
          <caption className="sr-only">Where each kind of notification is delivered</caption>
          <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide whitespace-nowrap text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2">
                Notification
              </th>
              {CHANNELS.map(([, label]) => (
                <th key={label} scope="col" className="w-24 px-3 py-2 text-center">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-surface">
            {rows.map((r) => (
              <tr key={r.kind} data-testid="preference-row">
                <th scope="row" className="px-3 py-3 text-left font-normal">
                  <span className="block font-medium">{r.label}</span>
                  <span className="block text-slate-600">{r.description}</span>
                </th>
                {CHANNELS.map(([field, label]) => (
                  <td key={field} className="px-3 py-3 text-center">
                    <input
                      type="checkbox"
                      name={field}
                      value={r.kind}
                      defaultChecked={r[field]}
                      aria-label={`${r.label}: ${label}`}
                      className="h-4 w-4 cursor-pointer rounded border-slate-300 accent-brand-600"
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SubmitButton>Save notification settings</SubmitButton>
    </form>
  );
}
