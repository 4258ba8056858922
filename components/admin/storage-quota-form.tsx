"use client";

import { Notice } from "@/components/ui/notice";
import { useActionState } from "react";
import { updateStorageQuotaAction } from "@/lib/actions/site-settings";
import { CheckboxField, FieldError, Select } from "@/components/ui/field";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { formatCount } from "@/lib/format";
import { QUOTA_UNITS, quotaAsAmount } from "@/lib/validations/site-settings";

/**
 * The storage quota every namespace gets: what its repositories may store, distinct bytes (a layer
 * shared by two repositories counts once). `over` is how many namespaces store more than the
 * saved quota now: allowed, with a warning; they take no pushes that add bytes, and nothing is deleted.
 */
export function StorageQuotaForm({ current, over }: { current: number | null; over: number }) {
  const [state, action] = useActionState(updateStorageQuotaAction, initialFormState);
  const v = state.values ?? {};
  const shown = quotaAsAmount(current);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {current !== null && over > 0 ? (
        <Notice role="status">
          {formatCount(over, "namespace")} already {over === 1 ? "stores" : "store"} more than this. Their pushes that
          add layers are refused until they delete tags; nothing is deleted for them.
        </Notice>
      ) : null}
      <CheckboxField
        name="enabled"
        label="Limit storage per namespace"
        defaultChecked={state.values ? v.enabled === "on" : current !== null}
      >
        Each user and organization may store this much: every distinct manifest, config and layer their tags reach,
        counted once however many tags and repositories share it. A push that would go past it is refused with{" "}
        <code>403 DENIED</code> naming usage and quota, and the tag stays where it was. Pushes that add nothing new (a
        tag moved to an image already stored) always go through. Off by default.
      </CheckboxField>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField
          label="Quota"
          name="amount"
          inputMode="decimal"
          defaultValue={v.amount ?? shown.amount}
          errors={state.fieldErrors?.amount}
        />
        <div>
          <label htmlFor="field-unit" className="block text-sm font-medium text-slate-800">
            Unit
          </label>
          <Select id="field-unit" name="unit" defaultValue={v.unit ?? shown.unit} className="mt-1 block w-full">
            {Object.keys(QUOTA_UNITS).map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </Select>
          {state.fieldErrors?.unit ? <FieldError>{state.fieldErrors.unit[0]}</FieldError> : null}
        </div>
      </div>
      <SubmitButton>Save storage quota</SubmitButton>
    </form>
  );
}
