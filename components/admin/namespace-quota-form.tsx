"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { initialFormState } from "@/lib/actions/form-state";
import { setNamespaceQuotaAction } from "@/lib/actions/storage-quota";
import { formatBytes } from "@/lib/format";
import { quotaAsAmount } from "@/lib/validations/site-settings";
import { QuotaSizeFields } from "./quota-size-fields";

type Mode = "site_default" | "unlimited" | "custom";

/**
 * A namespace's own storage quota (site operators): follow the site default, no limit, or a size
 * of its own. A size below what the namespace stores is allowed, with a warning: its pushes that
 * add bytes are refused from then on, and nothing is deleted.
 */
export function NamespaceQuotaForm({
  namespace,
  override,
  siteDefault,
  usedBytes,
}: {
  namespace: string;
  override: { override: boolean; bytes: number | null };
  siteDefault: number | null;
  usedBytes: number;
}) {
  const [state, action] = useActionState(setNamespaceQuotaAction, initialFormState);
  const v = state.values ?? {};
  const saved: Mode = !override.override ? "site_default" : override.bytes === null ? "unlimited" : "custom";
  const mode = (v.mode as Mode | undefined) ?? saved;
  const shown = quotaAsAmount(override.bytes ?? siteDefault);
  const options: Array<[Mode, string, string]> = [
    [
      "site_default",
      "Site default",
      siteDefault === null
        ? "No limit today (Admin → Settings)."
        : `${formatBytes(siteDefault)} today (Admin → Settings).`,
    ],
    ["unlimited", "No limit", "Any amount, whatever the site default."],
    ["custom", "Its own quota", "The size below, for this namespace alone."],
  ];
  return (
    <form action={action} className="space-y-4" noValidate data-testid="namespace-quota-form">
      <FormMessage state={state} />
      {override.override && override.bytes !== null && usedBytes > override.bytes ? (
        <Notice role="status">
          {namespace} stores {formatBytes(usedBytes)}, more than its quota: its pushes that add layers are refused until
          tags are deleted. Nothing is deleted for it.
        </Notice>
      ) : null}
      <input type="hidden" name="namespace" value={namespace} />
      <fieldset className="grid gap-2 sm:grid-cols-3">
        <legend className="sr-only">Storage quota of {namespace}</legend>
        {options.map(([value, label, help]) => (
          <label
            key={value}
            className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
          >
            <input type="radio" name="mode" value={value} defaultChecked={mode === value} className="mt-0.5" />
            <span>
              <span className="block font-medium">{label}</span>
              <span className="text-slate-600">{help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {state.fieldErrors?.mode ? <FieldError>{state.fieldErrors.mode[0]}</FieldError> : null}
      <QuotaSizeFields
        amount={v.amount ?? shown.amount}
        unit={v.unit ?? shown.unit}
        hint="Used with “Its own quota”."
        errors={state.fieldErrors}
      />
      <SubmitButton>Save quota</SubmitButton>
    </form>
  );
}
