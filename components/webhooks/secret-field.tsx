"use client";

import { useActionState } from "react";
import { revealWebhookSecretAction, rotateWebhookSecretAction } from "@/lib/actions/webhooks";
import { CopyField } from "@/components/ui/copy-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

type SecretState = FormState<{ secret: string }>;

/** The signing secret stays hidden until an admin asks for it; rotating shows the new one. */
export function SecretField({ namespace, name, webhookId }: { namespace: string; name: string; webhookId: string }) {
  const [revealed, reveal] = useActionState(
    revealWebhookSecretAction as unknown as (s: SecretState, d: FormData) => Promise<SecretState>,
    initialFormState as SecretState,
  );
  const [rotated, rotate] = useActionState(
    rotateWebhookSecretAction as unknown as (s: SecretState, d: FormData) => Promise<SecretState>,
    initialFormState as SecretState,
  );
  const secret = rotated.data?.secret ?? revealed.data?.secret;
  const hidden = (
    <>
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="webhookId" value={webhookId} />
    </>
  );
  return (
    <div className="space-y-3">
      <FormMessage state={rotated.message ? rotated : revealed} />
      <div className="flex flex-wrap items-center gap-3">
        {secret ? (
          <CopyField value={secret} label="Copy secret" testId="webhook-secret" />
        ) : (
          <code
            data-testid="webhook-secret"
            className="rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 font-mono text-sm"
          >
            whsec_••••••••••••••••••••••••
          </code>
        )}
        {!secret ? (
          <form action={reveal}>
            {hidden}
            <SubmitButton variant="secondary" pendingText="Revealing…">
              Reveal
            </SubmitButton>
          </form>
        ) : null}
        <ConfirmDialog
          trigger="Rotate secret"
          title="Generate a new secret?"
          description="Your receiver must switch to it: deliveries are signed with the new one right away, and the old secret stops working."
          confirmLabel="Rotate secret"
          pendingText="Rotating…"
          variant="danger"
          action={rotate}
          fields={hidden}
        />
      </div>
    </div>
  );
}
