"use client";

import { useActionState } from "react";
import { updateBuildsSettingsAction } from "@/lib/actions/site-settings";
import { CheckboxField } from "@/components/ui/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";

/**
 * Whether this console builds images from Git, whether build sources may be on private networks,
 * and whether RUN steps get outbound network access.
 */
export function BuildsSettingsForm({
  enabled,
  allowPrivateGit,
  allowNetwork,
}: {
  enabled: boolean;
  allowPrivateGit: boolean;
  allowNetwork: boolean;
}) {
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
      <CheckboxField name="allowNetwork" label="Allow network access during builds" defaultChecked={allowNetwork}>
        RUN steps run as an unprivileged user in a user namespace (rootless buildah) and have no network by default, so
        a Dockerfile that installs packages fails. With this on, slirp4netns gives them outbound access to the internet
        and to whatever this server can reach on other hosts, without the host&apos;s loopback: a build still cannot
        reach the console&apos;s database or registry listening on 127.0.0.1.
      </CheckboxField>
      <SubmitButton>Save build settings</SubmitButton>
    </form>
  );
}
