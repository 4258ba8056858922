"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/lib/actions/profile";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { PASSWORD_MIN } from "@/lib/validations/account";

export function PasswordForm() {
  const [state, action] = useActionState(changePasswordAction, initialFormState);
  return (
    // Keyed on success so the fields clear after a change.
    <form key={state.ok ? state.message : "form"} action={action} className="grid gap-4 sm:grid-cols-3" noValidate>
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
      <FormField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        errors={state.fieldErrors?.currentPassword}
      />
      <FormField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters.`}
        errors={state.fieldErrors?.newPassword}
      />
      <FormField
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={state.fieldErrors?.confirmPassword}
      />
      <div className="sm:col-span-3">
        <SubmitButton pendingText="Changing…">Change password</SubmitButton>
      </div>
    </form>
  );
}
