"use client";

import { useActionState } from "react";
import { deleteTokenAction, setTokenActiveAction } from "@/lib/actions/tokens";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { initialFormState } from "@/lib/actions/form-state";

/**
 * Deactivate/activate in one click; delete asks first, in the console's one confirmation dialog
 * (an inline "Delete for good?" step widened the row past the table's frame). An expired token
 * cannot be brought back (activating would change nothing), so it only offers Delete.
 */
export function TokenActions({
  tokenId,
  description,
  status,
}: {
  tokenId: string;
  description: string;
  status: "active" | "inactive" | "expired";
}) {
  const active = status === "active";
  const [toggleState, toggle] = useActionState(setTokenActiveAction, initialFormState);
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {!toggleState.ok && toggleState.message ? (
        <span role="alert" className="w-full text-right text-xs text-red-700">
          {toggleState.message}
        </span>
      ) : null}
      {status === "expired" ? null : (
        <form action={toggle}>
          <input type="hidden" name="tokenId" value={tokenId} />
          <input type="hidden" name="active" value={active ? "false" : "true"} />
          <Button
            type="submit"
            variant="secondary"
            size="sm"
            aria-label={`${active ? "Deactivate" : "Activate"} ${description}`}
          >
            {active ? "Deactivate" : "Activate"}
          </Button>
        </form>
      )}
      <ConfirmDialog
        trigger="Delete"
        triggerLabel={`Delete ${description}`}
        triggerVariant="dangerOutline"
        triggerSize="sm"
        title={`Delete the token “${description}”?`}
        description="Anything still using it — docker logins, CI pipelines, API scripts — is refused from now on. This cannot be undone; deactivate it instead if you may need it again."
        confirmLabel="Delete token"
        pendingText="Deleting…"
        formAction={deleteTokenAction}
        fields={<input type="hidden" name="tokenId" value={tokenId} />}
      />
    </div>
  );
}
