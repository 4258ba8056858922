"use client";

import { useActionState } from "react";
import { updateRepositoryDetailsAction } from "@/lib/actions/repository";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { FieldError, Textarea } from "@/components/ui/field";
import { initialFormState } from "@/lib/actions/form-state";

export function DetailsForm({
  namespace,
  name,
  description,
  overview,
}: {
  namespace: string;
  name: string;
  description: string;
  overview: string;
}) {
  const [state, action] = useActionState(updateRepositoryDetailsAction, initialFormState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <FormField
        label="Short description"
        name="description"
        maxLength={100}
        defaultValue={state.values?.description ?? description}
        errors={state.fieldErrors?.description}
        hint="Up to 100 characters, shown in lists."
      />
      <div>
        <label htmlFor="field-overview" className="block text-sm font-medium text-slate-800">
          Overview (Markdown)
        </label>
        <Textarea
          id="field-overview"
          name="overview"
          rows={10}
          defaultValue={state.values?.overview ?? overview}
          invalid={Boolean(state.fieldErrors?.overview)}
          className="mt-1 block w-full font-mono"
        />
        {state.fieldErrors?.overview ? <FieldError>{state.fieldErrors.overview[0]}</FieldError> : null}
      </div>
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
