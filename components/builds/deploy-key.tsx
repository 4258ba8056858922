"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { generateDeployKeyAction, type BuildSourceSaved } from "@/lib/actions/build-settings";
import { initialFormState, type FormState } from "@/lib/actions/form-state";

/** The deploy key's public half to paste into the Git host, and a confirmed "Generate a new key". */
export function DeployKey({ namespace, name, publicKey }: { namespace: string; name: string; publicKey: string }) {
  const [state, dispatch] = useActionState(
    generateDeployKeyAction as (s: FormState<BuildSourceSaved>, d: FormData) => Promise<FormState<BuildSourceSaved>>,
    initialFormState,
  );
  const shown = state.ok && state.data?.publicKey ? state.data.publicKey : publicKey;
  return (
    <div className="space-y-2" data-testid="deploy-key">
      <p className="text-sm font-medium text-slate-800">Deploy key</p>
      <p className="text-sm text-slate-600">
        Add this public key to your Git host as a read-only deploy key. The private key stays on this console,
        encrypted, and is never shown.
      </p>
      <CopyField value={shown} label="Copy public key" testId="deploy-public-key" />
      <FormMessage state={state} />
      <ConfirmDialog
        trigger="Generate a new deploy key"
        title="Generate a new deploy key?"
        description="The current key stops working for builds at once. Replace it on your Git host with the new public key."
        confirmLabel="Generate new key"
        pendingText="Generating…"
        action={dispatch}
        fields={
          <>
            <input type="hidden" name="namespace" value={namespace} />
            <input type="hidden" name="name" value={name} />
          </>
        }
        testId="regenerate-deploy-key-dialog"
      />
    </div>
  );
}
