"use client";

import { useActionState } from "react";
import { updatePullRateLimitAction } from "@/lib/actions/site-settings";
import { CheckboxField, FieldError, Select } from "@/components/ui/field";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { formatDuration } from "@/lib/format";
import { PULL_LIMIT_WINDOWS, type PullRateLimit } from "@/lib/validations/site-settings";

/** Docker Hub's free-tier numbers, offered when the limit is first turned on. */
const SUGGESTED: PullRateLimit = { authenticated: 200, anonymous: 100, windowSeconds: 6 * 3600 };

export function PullRateLimitForm({ current }: { current: PullRateLimit | null }) {
  const [state, action] = useActionState(updatePullRateLimitAction, initialFormState);
  const v = state.values ?? {};
  const shown = current ?? SUGGESTED;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <CheckboxField
        name="enabled"
        label="Limit pulls"
        defaultChecked={state.values ? v.enabled === "on" : current !== null}
      >
        A pull is a manifest GET (what <code>docker pull</code> does once per image, twice for a multi-platform one);
        HEAD requests are free. Signed-in clients are counted per account, anonymous ones per address. Over the limit,
        clients get <code>429 TOOMANYREQUESTS</code> saying when to retry; every answer carries{" "}
        <code>ratelimit-limit</code> and <code>ratelimit-remaining</code>. Off by default.
      </CheckboxField>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField
          label="Pulls per account"
          name="authenticated"
          type="number"
          min={1}
          defaultValue={v.authenticated ?? shown.authenticated}
          errors={state.fieldErrors?.authenticated}
        />
        <FormField
          label="Anonymous pulls per address"
          name="anonymous"
          type="number"
          min={1}
          defaultValue={v.anonymous ?? shown.anonymous}
          errors={state.fieldErrors?.anonymous}
        />
        <div>
          <label htmlFor="field-windowSeconds" className="block text-sm font-medium text-slate-800">
            Counted over
          </label>
          <Select
            id="field-windowSeconds"
            name="windowSeconds"
            defaultValue={v.windowSeconds ?? String(shown.windowSeconds)}
            className="mt-1 block w-full"
          >
            {PULL_LIMIT_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {formatDuration(w)}
              </option>
            ))}
          </Select>
          {state.fieldErrors?.windowSeconds ? <FieldError>{state.fieldErrors.windowSeconds[0]}</FieldError> : null}
        </div>
      </div>
      <SubmitButton>Save pull limits</SubmitButton>
    </form>
  );
}
