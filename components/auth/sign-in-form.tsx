"use client";

import { useActionState } from "react";
import { signInAction, signInCodeAction } from "@/lib/actions/auth";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextLink } from "@/components/ui/text-link";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

type Step = { step: "code"; ticket: string };

function CodeStep({ ticket, callbackUrl }: { ticket: string; callbackUrl: string }) {
  const [state, action] = useActionState(signInCodeAction, initialFormState);
  // A ticket answers one attempt; after a wrong code the action hands out the next (null: start over).
  const current = state.data ? state.data.ticket : ticket;
  if (current === null) {
    return (
      <div className="space-y-4">
        <FormMessage state={state} />
        <a
          href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          className="block text-center text-sm font-medium text-link hover:underline"
        >
          Start again
        </a>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <div>
        <h2 className="text-lg font-semibold">Two-factor authentication</h2>
        <p className="mt-1 text-sm text-slate-600">
          Enter the 6-digit code from your authenticator app, or one of your recovery codes.
        </p>
      </div>
      <FormMessage state={state} />
      <input type="hidden" name="ticket" value={current} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField
        label="Authentication code"
        name="code"
        inputMode="text"
        autoComplete="one-time-code"
        autoFocus
        errors={state.fieldErrors?.code}
        required
      />
      <SubmitButton pendingText="Verifying…" className="w-full">
        Verify
      </SubmitButton>
    </form>
  );
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState<FormState<Step>, FormData>(signInAction, initialFormState);
  if (state.data?.step === "code") return <CodeStep ticket={state.data.ticket} callbackUrl={callbackUrl} />;
  const v = state.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField
        label="Username or email"
        name="login"
        autoComplete="username"
        defaultValue={v.login}
        errors={state.fieldErrors?.login}
        required
        autoFocus
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        errors={state.fieldErrors?.password}
        required
      />
      <SubmitButton pendingText="Signing in…" className="w-full">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        New here? <TextLink href="/signup">Create an account</TextLink>
      </p>
    </form>
  );
}
