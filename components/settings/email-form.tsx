"use client";

import { Notice } from "@/components/ui/notice";
import { useActionState } from "react";
import { changeEmailAction, resendEmailChangeAction } from "@/lib/actions/profile";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Badge } from "@/components/ui/badge";
import { initialFormState } from "@/lib/actions/form-state";

/** The pending change, with a resend for when the mail failed or got lost. */
function PendingEmail({ email }: { email: string }) {
  const [state, action] = useActionState(resendEmailChangeAction, initialFormState);
  return (
    <Notice as="div" padding="lg" className="space-y-3" data-testid="pending-email">
      <form action={action} className="flex flex-wrap items-center justify-between gap-3">
        <p>
          Pending: check <span className="font-medium">{email}</span> for the confirmation link. Your current address
          stays until you open it.
        </p>
        <SubmitButton variant="secondary" pendingText="Sending…">
          Resend link
        </SubmitButton>
      </form>
      <FormMessage state={state} />
    </Notice>
  );
}

export function EmailForm({
  email,
  verified,
  pendingEmail,
}: {
  email: string;
  verified: boolean;
  pendingEmail: string | null;
}) {
  const [state, action] = useActionState(changeEmailAction, initialFormState);
  return (
    <div className="space-y-4">
      <p className="text-sm" data-testid="current-email">
        <span className="font-medium">{email}</span>{" "}
        <Badge tone={verified ? "success" : "warning"} className="ml-1">
          {verified ? "Verified" : "Not verified"}
        </Badge>
      </p>
      {/* Keyed on the address so a new request starts with a fresh resend state. */}
      {pendingEmail ? <PendingEmail key={pendingEmail} email={pendingEmail} /> : null}
      <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate data-testid="email-form">
        <div className="sm:col-span-2">
          <FormMessage state={state} />
        </div>
        <FormField
          label="New email"
          name="email"
          id="new-email"
          type="email"
          autoComplete="email"
          maxLength={254}
          defaultValue={state.values?.email}
          errors={state.fieldErrors?.email}
        />
        <FormField
          label="Current password"
          name="currentPassword"
          id="email-current-password"
          type="password"
          autoComplete="current-password"
          errors={state.fieldErrors?.currentPassword}
        />
        <div className="sm:col-span-2">
          <SubmitButton pendingText="Sending…">Send confirmation link</SubmitButton>
        </div>
      </form>
    </div>
  );
}
