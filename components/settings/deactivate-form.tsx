"use client";

import { useActionState } from "react";
import { deactivateAccountAction } from "@/lib/actions/account";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";

export function DeactivateForm({ username }: { username: string }) {
  const [state, action] = useActionState(deactivateAccountAction, initialFormState);
  return (
    <form action={action} className="grid max-w-lg gap-4" noValidate>
      <FormMessage state={state} />
      <FormField
        label={`Type ${username} to confirm`}
        name="confirmation"
        autoComplete="off"
        defaultValue={state.values?.confirmation}
        errors={state.fieldErrors?.confirmation}
      />
      <FormField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        errors={state.fieldErrors?.currentPassword}
      />
      <div>
        <SubmitButton variant="danger" pendingText="Deactivating…">
          Deactivate account
        </SubmitButton>
      </div>
    </form>
  );
}
