"use client";

import { useActionState, useState } from "react";
import { deleteTokenAction, setTokenActiveAction } from "@/lib/actions/tokens";
import { Button } from "@/components/ui/button";
import { initialFormState } from "@/lib/actions/form-state";

/**
 * Deactivate/activate in one click; delete asks for a confirmation first. An expired token cannot
 * be brought back (activating would change nothing), so it only offers Delete.
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
  const [deleteState, remove] = useActionState(deleteTokenAction, initialFormState);
  const [confirming, setConfirming] = useState(false);
  const error = (!toggleState.ok && toggleState.message) || (!deleteState.ok && deleteState.message);
  return (
    <div className="flex items-center justify-end gap-2 whitespace-nowrap">
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
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
      {confirming ? (
        <form action={remove} className="flex items-center gap-2">
          <input type="hidden" name="tokenId" value={tokenId} />
          <span className="text-xs text-slate-700">Delete for good?</span>
          <Button type="submit" variant="danger" size="sm" aria-label={`Confirm delete ${description}`}>
            Delete
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button
          variant="dangerOutline"
          size="sm"
          onClick={() => setConfirming(true)}
          aria-label={`Delete ${description}`}
        >
          Delete
        </Button>
      )}
    </div>
  );
}
