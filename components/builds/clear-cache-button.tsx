"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { clearBuildCacheAction } from "@/lib/actions/builds";
import { initialFormState } from "@/lib/actions/form-state";

/** "Clear build cache", confirmed; the outcome (or why not: a build is running) shows beside it. */
export function ClearCacheButton({ namespace, name }: { namespace: string; name: string }) {
  const [state, dispatch] = useActionState(clearBuildCacheAction, initialFormState);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <ConfirmDialog
        trigger="Clear build cache"
        title="Clear the build cache?"
        description="The next build of this repository starts without cached layers, so it takes longer. Images already pushed stay."
        confirmLabel="Clear cache"
        pendingText="Clearing…"
        action={dispatch}
        fields={
          <>
            <input type="hidden" name="namespace" value={namespace} />
            <input type="hidden" name="name" value={name} />
          </>
        }
        testId="clear-build-cache-dialog"
      />
    </div>
  );
}
