"use client";

import { Notice } from "@/components/ui/notice";
import { useActionState } from "react";
import { updateReadOnlyAction } from "@/lib/actions/site-settings";
import { FormField } from "@/components/forms/form-field";
import { CheckboxField } from "@/components/ui/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Time } from "@/components/ui/time";
import { initialFormState } from "@/lib/actions/form-state";
import type { ReadOnlyWindow } from "@/lib/data/site-settings";

/** Maintenance: the registry keeps serving pulls while pushes and deletes wait. */
export function ReadOnlyForm({ current }: { current: ReadOnlyWindow | null }) {
  const [state, action] = useActionState(updateReadOnlyAction, initialFormState);
  const v = state.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {current ? (
        <Notice role="status">
          Read-only since <Time value={current.since} />: pushes and deletes get <code>503</code> with your message.
        </Notice>
      ) : null}
      <CheckboxField
        name="enabled"
        label="Read-only registry"
        defaultChecked={state.values ? v.enabled === "on" : current !== null}
      >
        Pushes, uploads and deletes are answered <code>503 UNAVAILABLE</code> with <code>Retry-After</code> and the
        message below, on every console at once; pulls keep working. For maintenance such as garbage collection.
      </CheckboxField>
      <FormField
        label="Message for clients"
        name="message"
        maxLength={200}
        placeholder="Garbage collection until 14:00 UTC."
        defaultValue={v.message ?? current?.message ?? ""}
        errors={state.fieldErrors?.message}
      />
      <SubmitButton>Save read-only mode</SubmitButton>
    </form>
  );
}
