"use client";

import { useActionState, useState } from "react";
import { disableTwoFactorAction, regenerateRecoveryCodesAction } from "@/lib/actions/security";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { RecoveryCodes } from "./recovery-codes";

/** With 2FA on: new recovery codes or turning it off, each confirmed with a current code. */
export function TwoFactorManage() {
  const [regen, regenAction] = useActionState(regenerateRecoveryCodesAction, initialFormState);
  const [disable, disableAction] = useActionState(disableTwoFactorAction, initialFormState);
  const [dismissed, setDismissed] = useState<string[] | null>(null);
  const codes = regen.ok && regen.data && regen.data.recoveryCodes !== dismissed ? regen.data.recoveryCodes : null;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="space-y-3">
        <h3 className="text-sm font-semibold">Recovery codes</h3>
        {codes ? (
          <RecoveryCodes codes={codes} onDone={() => setDismissed(codes)} />
        ) : (
          <form action={regenAction} className="space-y-3" noValidate>
            <p className="text-sm text-slate-600">Generating new codes makes every old one stop working.</p>
            <FormMessage state={regen} />
            <FormField
              label="Current code"
              name="code"
              id="regen-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              errors={regen.fieldErrors?.code}
              required
            />
            <SubmitButton variant="secondary" pendingText="Generating…">
              Regenerate recovery codes
            </SubmitButton>
          </form>
        )}
      </div>
      <form action={disableAction} className="space-y-3" noValidate>
        <h3 className="text-sm font-semibold text-red-800">Turn off two-factor authentication</h3>
        <p className="text-sm text-slate-600">
          Your password alone will sign you in again, and your other sessions will be signed out.
        </p>
        <FormMessage state={disable} />
        <FormField
          label="Current code"
          name="code"
          id="disable-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          errors={disable.fieldErrors?.code}
          required
        />
        <SubmitButton variant="danger" pendingText="Turning off…">
          Disable two-factor authentication
        </SubmitButton>
      </form>
    </div>
  );
}
