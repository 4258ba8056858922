"use client";

import { useActionState, useState } from "react";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { CopyField } from "@/components/ui/copy-field";
import { FieldError } from "@/components/ui/field";
import { saveBuildSourceAction, type BuildSourceSaved } from "@/lib/actions/build-settings";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

const KINDS = [
  { value: "none", label: "None", hint: "a public repository" },
  { value: "token", label: "Access token", hint: "HTTPS; a personal or project access token with read access" },
  { value: "deploy_key", label: "Deploy key", hint: "SSH; the console generates a key pair and shows its public key" },
] as const;

/**
 * The build source: the Git URL and its credential. The token is never shown again (the field
 * stays empty; leaving it empty keeps the stored one). A newly generated deploy key and the
 * build webhook's secret are shown once, from the save's answer.
 */
export function BuildSourceForm({
  namespace,
  name,
  current,
}: {
  namespace: string;
  name: string;
  current: { gitUrl: string; credentialKind: string } | null;
}) {
  const [state, action] = useActionState(
    saveBuildSourceAction as (s: FormState<BuildSourceSaved>, d: FormData) => Promise<FormState<BuildSourceSaved>>,
    initialFormState,
  );
  const v = state.values;
  const [kind, setKind] = useState<string>(v?.credentialKind ?? current?.credentialKind ?? "none");
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-5" data-testid="build-source-form">
      <FormMessage state={state} />
      {state.ok && state.data?.webhookSecret ? (
        <div className="space-y-1 text-sm">
          <p className="font-medium">Build webhook secret (shown once)</p>
          <CopyField value={state.data.webhookSecret} label="Copy secret" testId="build-webhook-secret" />
        </div>
      ) : null}
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <FormField
        label="Git repository URL"
        name="gitUrl"
        maxLength={2000}
        spellCheck={false}
        placeholder="https://github.com/acme/app.git or git@github.com:acme/app.git"
        defaultValue={v?.gitUrl ?? current?.gitUrl}
        errors={errors.gitUrl}
        hint="HTTPS or SSH. Hosts on private networks are refused unless your site operator allows them."
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Credential</legend>
        <div className="mt-2 space-y-2">
          {KINDS.map((k) => (
            <label key={k.value} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="credentialKind"
                value={k.value}
                defaultChecked={kind === k.value}
                onChange={() => setKind(k.value)}
                className="mt-0.5"
              />
              <span>
                {k.label} <span className="text-slate-500">— {k.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.credentialKind ? <FieldError>{errors.credentialKind[0]}</FieldError> : null}
      </fieldset>
      {kind === "token" ? (
        <FormField
          label="Access token"
          name="accessToken"
          type="password"
          autoComplete="off"
          maxLength={1000}
          errors={errors.accessToken}
          hint={
            current?.credentialKind === "token"
              ? "A token is stored. Leave empty to keep it; it is never shown again."
              : "Stored encrypted and never shown again."
          }
        />
      ) : errors.accessToken ? (
        <FieldError>{errors.accessToken[0]}</FieldError>
      ) : null}
      <SubmitButton pendingText="Saving…">Save source</SubmitButton>
    </form>
  );
}
