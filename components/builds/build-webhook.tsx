"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { rotateWebhookSecretAction, type BuildSourceSaved } from "@/lib/actions/build-settings";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

const HOSTS = [
  {
    host: "GitHub",
    how: "Settings → Webhooks → Add webhook: this URL, content type application/json, the secret, just the push event.",
  },
  {
    host: "GitLab",
    how: "Settings → Webhooks: this URL, the secret as Secret token, Push events and Tag push events.",
  },
  {
    host: "Gitea, Forgejo",
    how: "Settings → Webhooks → Add webhook → Gitea (or Forgejo): this URL, POST, the secret, push events.",
  },
  {
    host: "Anything else",
    how: 'POST {"ref": "refs/heads/main", "sha": "<commit>"} with X-Dockyard-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.',
  },
];

/**
 * The build webhook a Git host calls on each push: its URL, how to set it up per host, and a
 * confirmed "Rotate secret" that shows the new secret once (the old one stops working at once).
 */
export function BuildWebhook({ namespace, name, url }: { namespace: string; name: string; url: string }) {
  const [state, dispatch] = useActionState(
    rotateWebhookSecretAction as (s: FormState<BuildSourceSaved>, d: FormData) => Promise<FormState<BuildSourceSaved>>,
    initialFormState,
  );
  return (
    <div className="space-y-3" data-testid="build-webhook">
      <p className="text-sm font-medium text-slate-800">Build webhook</p>
      <p className="text-sm text-slate-600">
        Add this URL as a push webhook on your Git host, with the secret shown when the source was first saved (or
        rotate it to get a new one). Each push runs the rules that match its branch or tag.
      </p>
      <CopyField value={url} label="Copy URL" testId="build-webhook-url" />
      <dl className="space-y-1 text-sm">
        {HOSTS.map((h) => (
          <div key={h.host}>
            <dt className="inline font-medium text-slate-800">{h.host}: </dt>
            <dd className="inline text-slate-600">{h.how}</dd>
          </div>
        ))}
      </dl>
      <FormMessage state={state} />
      {state.ok && state.data?.webhookSecret ? (
        <div className="space-y-1 text-sm">
          <p className="font-medium">New webhook secret (shown once)</p>
          <CopyField value={state.data.webhookSecret} label="Copy secret" testId="rotated-webhook-secret" />
        </div>
      ) : null}
      <ConfirmDialog
        trigger="Rotate secret"
        title="Rotate the build webhook secret?"
        description="Pushes signed with the current secret no longer start builds. Give the new secret to your Git host's webhook."
        confirmLabel="Rotate secret"
        pendingText="Rotating…"
        action={dispatch}
        fields={
          <>
            <input type="hidden" name="namespace" value={namespace} />
            <input type="hidden" name="name" value={name} />
          </>
        }
        testId="rotate-webhook-secret-dialog"
      />
    </div>
  );
}
