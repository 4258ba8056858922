"use client";

import { useActionState } from "react";
import { updateSiteSettingsAction } from "@/lib/actions/site-settings";
import { CheckboxField } from "@/components/ui/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";

export function SiteSettingsForm({ allowPrivateWebhookTargets }: { allowPrivateWebhookTargets: boolean }) {
  const [state, action] = useActionState(updateSiteSettingsAction, initialFormState);
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <CheckboxField
        name="allowPrivateWebhookTargets"
        label="Allow webhooks to private networks"
        defaultChecked={allowPrivateWebhookTargets}
      >
        Lets webhooks call loopback (127.0.0.0/8, ::1), private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local and
        cloud metadata (169.254.169.254) addresses. Off by default: with it on, anyone who can create a webhook can make
        this server send requests into its own network. Turn it on only for a console on a trusted network.
      </CheckboxField>
      <SubmitButton>Save settings</SubmitButton>
    </form>
  );
}
