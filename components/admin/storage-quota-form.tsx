"use client";

import { Notice } from "@/components/ui/notice";
import { useActionState } from "react";
import { updateStorageQuotaAction } from "@/lib/actions/site-settings";
import { CheckboxField } from "@/components/ui/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { formatCount } from "@/lib/format";
import { quotaAsAmount } from "@/lib/validations/site-settings";
import { QuotaSizeFields } from "./quota-size-fields";

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
      <QuotaSizeFields amount={v.amount ?? shown.amount} unit={v.unit ?? shown.unit} errors={state.fieldErrors} />
      <SubmitButton>Save storage quota</SubmitButton>
    </form>
  );
}
