"use client";

import { useActionState, useState } from "react";
import { signOutEverywhereAction } from "@/lib/actions/security";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { initialFormState } from "@/lib/actions/form-state";
import { formatCount } from "@/lib/format";

/** Two steps in the page (no browser dialog): the first button only asks; the second one acts. */
export function SignOutEverywhere({ sessions, dockerLogins }: { sessions: number; dockerLogins: number }) {
  const [state, action] = useActionState(signOutEverywhereAction, initialFormState);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <div className="space-y-3">
        <FormMessage state={state} />
        <Button variant="dangerOutline" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </Button>
      </div>
    );
  }
  return (
    <form
      action={action}
      className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4"
      data-testid="sign-out-everywhere-confirm"
    >
      <FormMessage state={state} />
      <p className="text-sm text-red-900">
        This ends {sessions === 1 ? "this session" : `all ${formatCount(sessions, "session")}, this one included,`} and{" "}
        {dockerLogins === 0
          ? "any docker login"
          : dockerLogins === 1
            ? "the docker login"
            : `all ${formatCount(dockerLogins, "docker login")}`}
        . You will have to sign in again here, and run <code className="font-mono">docker login</code> again on every
        machine.
      </p>
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingText="Signing out…">
          Yes, sign out everywhere
        </SubmitButton>
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
