"use client";

import { useActionState } from "react";
import { setDefaultVisibilityAction } from "@/lib/actions/profile";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";

const OPTIONS = [
  ["public", "Public", "Anyone can pull new repositories; only you can push."],
  ["private", "Private", "Only you (and people you grant access) can see and pull them."],
] as const;

export function DefaultVisibilityForm({ current }: { current: "public" | "private" }) {
  const [state, action] = useActionState(setDefaultVisibilityAction, initialFormState);
  const selected = state.values?.visibility ?? current;
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <fieldset className="grid gap-2 sm:grid-cols-2">
        <legend className="sr-only">Default visibility</legend>
        {OPTIONS.map(([value, label, help]) => (
          <label
            key={value}
            className="flex cursor-pointer gap-2 rounded-md border border-slate-300 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
          >
            <input
              type="radio"
              name="visibility"
              value={value}
              defaultChecked={selected === value}
              className="mt-0.5"
            />
            <span>
              <span className="block font-medium">{label}</span>
              <span className="text-slate-600">{help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <SubmitButton variant="secondary">Save default privacy</SubmitButton>
    </form>
  );
}
