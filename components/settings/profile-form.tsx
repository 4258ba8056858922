"use client";

import { useActionState } from "react";
import { updateProfileAction } from "@/lib/actions/profile";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";

type Profile = { displayName: string | null; company: string | null; location: string | null; website: string | null };

export function ProfileForm({ profile }: { profile: Profile }) {
  const [state, action] = useActionState(updateProfileAction, initialFormState);
  const v = state.values;
  const value = (k: keyof Profile) => v?.[k] ?? profile[k] ?? "";
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <FormMessage state={state} />
      </div>
      <FormField
        label="Full name"
        name="displayName"
        maxLength={100}
        defaultValue={value("displayName")}
        errors={state.fieldErrors?.displayName}
      />
      <FormField
        label="Company"
        name="company"
        maxLength={100}
        defaultValue={value("company")}
        errors={state.fieldErrors?.company}
      />
      <FormField
        label="Location"
        name="location"
        maxLength={100}
        defaultValue={value("location")}
        errors={state.fieldErrors?.location}
      />
      <FormField
        label="Website"
        name="website"
        type="url"
        placeholder="https://example.com"
        defaultValue={value("website")}
        errors={state.fieldErrors?.website}
      />
      <div className="sm:col-span-2">
        <SubmitButton>Save profile</SubmitButton>
      </div>
    </form>
  );
}
