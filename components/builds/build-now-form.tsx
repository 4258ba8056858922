"use client";

import { useActionState, useTransition } from "react";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { Button } from "@/components/ui/button";
import { FieldError, Label, Select } from "@/components/ui/field";
import { startBuildAction } from "@/lib/actions/builds";
import { initialFormState } from "@/lib/actions/form-state";

export type BuildNowRule = { id: string; label: string };

/**
 * Build now: a rule and, for a rule whose source is a pattern (or to build another matching
 * branch or tag), the branch or tag name. On success the new build's page opens.
 */
export function BuildNowForm({ namespace, name, rules }: { namespace: string; name: string; rules: BuildNowRule[] }) {
  const [state, action] = useActionState(startBuildAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const [pending, startTransition] = useTransition();
  return (
    <form
      action={action}
      // Dispatched by hand: a form action resets the form afterwards, and the rule select fell back
      // to the first rule after a refused submit (a controlled select too), so a corrected submit
      // built the wrong rule. The action prop stays for submits before hydration.
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
      noValidate
      className="space-y-3"
      data-testid="build-now-form"
    >
      <FormMessage state={state} />
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-start">
        <div>
          <Label text="Rule">
            <Select
              name="ruleId"
              defaultValue={rules[0]?.id}
              invalid={Boolean(errors.ruleId?.length)}
              className="w-full"
            >
              {rules.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </Select>
          </Label>
          {errors.ruleId ? <FieldError>{errors.ruleId[0]}</FieldError> : null}
        </div>
        <FormField
          label="Branch or tag (optional)"
          name="ref"
          maxLength={255}
          spellCheck={false}
          autoComplete="off"
          placeholder="The rule's own"
          defaultValue={state.values?.ref}
          errors={errors.ref}
          hint="Needed when the rule's source is a pattern."
        />
        <div className="sm:pt-6">
          <Button type="submit" disabled={pending} aria-busy={pending} className="w-full sm:w-auto">
            {pending ? "Starting…" : "Build now"}
          </Button>
        </div>
      </div>
    </form>
  );
}
