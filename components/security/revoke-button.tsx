"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { revokeDockerLoginAction, revokeSessionAction } from "@/lib/actions/security";
import { Button } from "@/components/ui/button";
import { initialFormState } from "@/lib/actions/form-state";

const KINDS = {
  "docker-login": { action: revokeDockerLoginAction, field: "loginId" },
  session: { action: revokeSessionAction, field: "sessionId" },
} as const;

function RevokeSubmit({ label, text }: { label: string; text: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="dangerOutline" size="sm" disabled={pending} aria-busy={pending} aria-label={label}>
      {pending ? "Revoking…" : text}
    </Button>
  );
}

/**
 * One row's Revoke: no confirmation step, since revoking is harmless to undo (log in again). On
 * success the page re-renders without the row; an error (already ended, say) shows beside it.
 */
export function RevokeButton({
  kind,
  id,
  label,
  text = "Revoke",
}: {
  kind: keyof typeof KINDS;
  id: string;
  label: string;
  text?: string;
}) {
  const { action, field } = KINDS[kind];
  const [state, submit] = useActionState(action, initialFormState);
  return (
    <form action={submit} className="flex items-center justify-end gap-2 whitespace-nowrap">
      {!state.ok && state.message ? (
        <span role="alert" className="max-w-56 text-right text-xs whitespace-normal text-red-700">
          {state.message}
        </span>
      ) : null}
      <input type="hidden" name={field} value={id} />
      <RevokeSubmit label={label} text={text} />
    </form>
  );
}
