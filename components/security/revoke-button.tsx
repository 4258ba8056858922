"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { revokeDockerLoginAction, revokeSessionAction } from "@/lib/actions/security";
import { initialFormState } from "@/lib/actions/form-state";

const KINDS = {
  "docker-login": { action: revokeDockerLoginAction, field: "loginId" },
  session: { action: revokeSessionAction, field: "sessionId" },
} as const;

function Button({ label, text }: { label: string; text: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-busy={pending} aria-label={label} className="rounded border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 disabled:opacity-60">
      {pending ? "Revoking…" : text}
    </button>
  );
}

/**
 * One row's Revoke: no confirmation step, since revoking is harmless to undo (log in again). On
 * success the page re-renders without the row; an error (already ended, say) shows beside it.
 */
export function RevokeButton({ kind, id, label, text = "Revoke" }: { kind: keyof typeof KINDS; id: string; label: string; text?: string }) {
  const { action, field } = KINDS[kind];
  const [state, submit] = useActionState(action, initialFormState);
  return (
    <form action={submit} className="flex items-center justify-end gap-2 whitespace-nowrap">
      {!state.ok && state.message ? (
        <span role="alert" className="max-w-56 whitespace-normal text-right text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
      <input type="hidden" name={field} value={id} />
      <Button label={label} text={text} />
    </form>
  );
}
