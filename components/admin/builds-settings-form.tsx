"use client";

import { useActionState } from "react";
import { updateBuildsSettingsAction } from "@/lib/actions/site-settings";
import { CheckboxField } from "@/components/ui/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";

/** Whether this console builds images from Git, and whether build sources may be on private networks. */
export function BuildsSettingsForm({ enabled, allowPrivateGit }: { enabled: boolean; allowPrivateGit: boolean }) {
  const [state, action] = useActionState(updateBuildsSettingsAction, initialFormState);
  return (
    <form action={action} className="space-y-4" data-testid="builds-settings-form">
      <FormMessage state={state} />
      <CheckboxField name="buildsEnabled" label="Enable automated builds" defaultChecked={enabled}>
        Repository admins can already set a Git source and build rules; with this off nothing is built. Builds run
        Dockerfiles from people&apos;s Git repositories on this server, rootless, as an unprivileged user, with no
        network by default and no access to the console&apos;s database, registry or loopback addresses.
      </CheckboxField>
      <CheckboxField
        name="allowPrivateGit"
        label="Allow Git sources on private networks"
        defaultChecked={allowPrivateGit}
      >
        Lets build sources use loopback, private and link-local hosts (a Git server on your LAN). Off by default: with
        it on, a repository admin can make this server connect into its own network.
      </CheckboxField>
      <SubmitButton>Save build settings</SubmitButton>
    </form>
  );
}
