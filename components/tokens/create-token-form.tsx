"use client";

import { useActionState, useState } from "react";
import { createTokenAction } from "@/lib/actions/tokens";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { FieldError, Select } from "@/components/ui/field";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { SCOPE_LABELS, TOKEN_SCOPES } from "@/lib/validations/personal-access-token";

const SCOPE_HELP = {
  read: "Pull images.",
  read_write: "Pull and push images.",
  read_write_delete: "Pull, push and delete images and tags.",
} as const;
const EXPIRY = [
  ["30", "30 days"],
  ["60", "60 days"],
  ["90", "90 days"],
  ["365", "1 year"],
  ["never", "No expiration"],
] as const;

export function CreateTokenForm({ username, registryHost }: { username: string; registryHost: string }) {
  const [state, action] = useActionState(createTokenAction, initialFormState);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const created = state.ok && state.data && state.data.secret !== dismissed ? state.data : null;

  if (created) {
    return (
      <div className="space-y-4 rounded-lg border border-emerald-300 bg-emerald-50 p-5" data-testid="new-token">
        <div>
          <h3 className="font-semibold text-emerald-900">Copy your token now: &ldquo;{created.description}&rdquo;</h3>
          <p className="mt-1 text-sm text-emerald-900">
            You won&rsquo;t be able to see it again. If you lose it, delete it and create a new one.
          </p>
        </div>
        <CopyField value={created.secret} label="Copy token" testId="token-secret" />
        <div className="space-y-2">
          <p className="text-sm text-emerald-900">Log in with it (paste the token when asked for the password):</p>
          <CopyField command value={`docker login -u ${username} ${registryHost}`} />
        </div>
        <Button onClick={() => setDismissed(created.secret)}>I have copied it</Button>
      </div>
    );
  }

  const v = state.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <FormField
        label="Description"
        name="description"
        maxLength={100}
        placeholder="e.g. CI pipeline for web"
        defaultValue={v.description}
        errors={state.fieldErrors?.description}
        required
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Access permissions</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {TOKEN_SCOPES.map((s) => (
            <label
              key={s}
              className="flex cursor-pointer gap-2 rounded-md border border-slate-300 bg-surface p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="scope"
                value={s}
                defaultChecked={(v.scope ?? "read") === s}
                className="mt-0.5"
              />
              <span>
                <span className="block font-medium">{SCOPE_LABELS[s]}</span>
                <span className="text-slate-600">{SCOPE_HELP[s]}</span>
              </span>
            </label>
          ))}
        </div>
        {state.fieldErrors?.scope ? <FieldError>{state.fieldErrors.scope[0]}</FieldError> : null}
      </fieldset>
      <div>
        <label htmlFor="field-expiry" className="block text-sm font-medium text-slate-800">
          Expiration
        </label>
        <Select
          id="field-expiry"
          name="expiry"
          defaultValue={v.expiry ?? "90"}
          invalid={Boolean(state.fieldErrors?.expiry)}
          aria-describedby={state.fieldErrors?.expiry ? "field-expiry-error" : undefined}
          className="mt-1 block w-full max-w-xs"
        >
          {EXPIRY.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        {state.fieldErrors?.expiry ? (
          <FieldError id="field-expiry-error">{state.fieldErrors.expiry[0]}</FieldError>
        ) : null}
      </div>
      <SubmitButton pendingText="Generating…">Generate token</SubmitButton>
    </form>
  );
}
