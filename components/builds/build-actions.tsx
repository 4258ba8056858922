"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/forms/submit-button";
import { cancelBuildAction, retryBuildAction } from "@/lib/actions/builds";
import { initialFormState } from "@/lib/actions/form-state";

/**
 * A build's buttons: Cancel (confirmed) while it is queued or running, Retry once it has finished
 * (opens the new build). Refusals (already finished, builds turned off) show above them.
 */
export function BuildActions({
  namespace,
  name,
  number,
  active,
}: {
  namespace: string;
  name: string;
  number: number;
  active: boolean;
}) {
  const [cancelState, cancel] = useActionState(cancelBuildAction, initialFormState);
  const [retryState, retry] = useActionState(retryBuildAction, initialFormState);
  const fields = (
    <>
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="name" value={name} />
      <input type="hidden" name="number" value={number} />
    </>
  );
  return (
    <div className="flex flex-col items-start gap-3 sm:items-end">
      <FormMessage state={active ? cancelState : retryState} />
      {active ? (
        <ConfirmDialog
          trigger="Cancel build"
          title={`Cancel build #${number}?`}
          description="A queued build ends at once; a running one stops within a few seconds. Nothing is pushed."
          confirmLabel="Cancel build"
          pendingText="Cancelling…"
          action={cancel}
          fields={fields}
          testId="cancel-build-dialog"
        />
      ) : (
        <form action={retry}>
          {fields}
          <SubmitButton variant="secondary" pendingText="Starting…">
            Retry
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
