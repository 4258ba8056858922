"use client";

import { useActionState } from "react";
import { signUpAction } from "@/lib/actions/auth";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextLink } from "@/components/ui/text-link";
import { initialFormState } from "@/lib/actions/form-state";
import { PASSWORD_MIN } from "@/lib/validations/account";

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, initialFormState);
  const v = state.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <FormField
        label="Username"
        name="username"
        autoComplete="username"
        defaultValue={v.username}
        errors={state.fieldErrors?.username}
        hint="4–30 lowercase letters and digits. This is your namespace: images are pushed to username/repository."
        required
      />
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={v.email}
        errors={state.fieldErrors?.email}
        required
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        errors={state.fieldErrors?.password}
        hint={`At least ${PASSWORD_MIN} characters.`}
        required
      />
      <SubmitButton pendingText="Creating account…" className="w-full">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account? <TextLink href="/signin">Sign in</TextLink>
      </p>
    </form>
  );
}
