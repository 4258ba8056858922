"use client";

import { useActionState } from "react";
import { changeEmailAction } from "@/app/settings/general/actions";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";

export function EmailForm({ email, verified, pendingEmail }: { email: string; verified: boolean; pendingEmail: string | null }) {
  const [state, action] = useActionState(changeEmailAction, initialFormState);
  return (
    <div className="space-y-4">
      <p className="text-sm" data-testid="current-email">
        <span className="font-medium">{email}</span>{" "}
        <span className={`ml-1 rounded-full px-2 py-0.5 text-xs ring-1 ring-inset ${verified ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20" : "bg-amber-50 text-amber-800 ring-amber-600/20"}`}>
          {verified ? "Verified" : "Not verified"}
        </span>
      </p>
      {pendingEmail ? (
        <p className="text-sm text-slate-600" data-testid="pending-email">
          Pending: check <span className="font-medium">{pendingEmail}</span> for the confirmation link.
        </p>
      ) : null}
      <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
        <div className="sm:col-span-2">
          <FormMessage state={state} />
        </div>
        <FormField label="New email" name="email" id="new-email" type="email" autoComplete="email" defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
        <FormField label="Current password" name="currentPassword" id="email-current-password" type="password" autoComplete="current-password" errors={state.fieldErrors?.currentPassword} />
        <div className="sm:col-span-2">
          <SubmitButton pendingText="Sending…">Send confirmation link</SubmitButton>
        </div>
      </form>
    </div>
  );
}
