"use client";

import { useActionState, useState } from "react";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
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
  // Controlled: React resets a form after its action, and a select's default would fall back to
  // the first rule after a refused submit (see build-rule-form.tsx).
  const [ruleId, setRuleId] = useState(rules[0]?.id ?? "");
  return (
    <form action={action} noValidate className="space-y-3" data-testid="build-now-form">
      <FormMessage state={state} />
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-start">
        <div>
          <Label text="Rule">
            <Select
              name="ruleId"
              value={ruleId}
              onChange={(e) => setRuleId(e.target.value)}
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
          <SubmitButton pendingText="Starting…" className="w-full sm:w-auto">
            Build now
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
