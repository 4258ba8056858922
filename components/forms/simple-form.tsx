"use client";

import { useActionState, type ReactNode } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { initialFormState } from "@/lib/actions/form-state";
import { FormField } from "./form-field";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export type SimpleField = {
  name: string;
  label: string;
  type?: "text" | "email" | "url" | "number" | "password";
  placeholder?: string;
  hint?: string;
  defaultValue?: string;
  maxLength?: number;
};

type Action = (state: FormState<never>, data: FormData) => Promise<FormState<unknown>>;

/**
 * A form for one server action with a few text fields and hidden values: field errors, the
 * form-level message and the typed values kept on failure all come from the action's FormState.
 */
export function SimpleForm(props: {
  action: Action;
  fields?: SimpleField[];
  hidden?: Record<string, string>;
  submit: string;
  pending?: string;
  variant?: "primary" | "danger" | "secondary";
  inline?: boolean;
  children?: ReactNode;
}) {
  const [state, formAction] = useActionState(
    props.action as (s: FormState<unknown>, d: FormData) => Promise<FormState<unknown>>,
    initialFormState,
  );
  return (
    <form action={formAction} noValidate className={props.inline ? "flex flex-wrap items-end gap-3" : "space-y-4"}>
      {state.message ? (
        <div className={props.inline ? "w-full" : undefined}>
          <FormMessage state={state} />
        </div>
      ) : null}
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {props.fields?.map((f) => (
        <FormField
          key={f.name}
          className={props.inline ? "min-w-56 flex-1" : undefined}
          label={f.label}
          name={f.name}
          type={f.type ?? "text"}
          placeholder={f.placeholder}
          hint={f.hint}
          maxLength={f.maxLength}
          defaultValue={state.values?.[f.name] ?? f.defaultValue}
          errors={state.fieldErrors?.[f.name]}
        />
      ))}
      {props.children}
      <SubmitButton variant={props.variant} pendingText={props.pending}>
        {props.submit}
      </SubmitButton>
    </form>
  );
}
