"use client";

import Image from "next/image";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { enableTwoFactorAction, startTwoFactorAction } from "@/lib/actions/security";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/forms/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { RecoveryCodes } from "./recovery-codes";
import { useMarkTwoFactorEnabled } from "./two-factor-status";

type Enrollment = { secret: string; sealed: string; qr: string };

/** Off → scan QR (or type the secret) → confirm with a code → recovery codes shown once. */
export function TwoFactorSetup() {
  const [start, startAction] = useActionState(startTwoFactorAction, initialFormState);
  const enrollment = start.ok ? start.data : undefined;
  if (!enrollment) {
    return (
      <form action={startAction} className="space-y-3">
        <FormMessage state={start} />
        <p className="text-sm text-slate-600">
          Protect your account with a second step at sign-in: a 6-digit code from an authenticator app (1Password,
          Google Authenticator, Authy…). With it on, the registry accepts personal access tokens instead of your
          password.
        </p>
        <SubmitButton pendingText="Preparing…">Enable two-factor authentication</SubmitButton>
      </form>
    );
  }
  // Keyed by the seal: a fresh QR code starts a fresh confirm form (no stale "expired" error).
  return <ConfirmEnrollment key={enrollment.sealed} enrollment={enrollment} restart={startAction} />;
}

function ConfirmEnrollment({ enrollment, restart }: { enrollment: Enrollment; restart: (formData: FormData) => void }) {
  const markEnabled = useMarkTwoFactorEnabled();
  const [confirm, confirmAction] = useActionState(
    async (prev: FormState<{ recoveryCodes: string[] }>, formData: FormData) => {
      const result = await enableTwoFactorAction(prev, formData);
      if (result.ok && result.data) markEnabled(result.data.recoveryCodes.length);
      return result;
    },
    initialFormState,
  );
  const router = useRouter();

  if (confirm.ok && confirm.data)
    return <RecoveryCodes codes={confirm.data.recoveryCodes} onDone={() => router.refresh()} />;

  const expired = confirm.fieldErrors?.enrollment;
  if (expired) {
    // The old QR code is useless now; showing it would invite scanning a secret that will never be saved.
    return (
      <form action={restart} className="max-w-md space-y-3">
        <FormMessage state={{ ok: false, message: expired[0] }} />
        <SubmitButton pendingText="Preparing…">Get a new QR code</SubmitButton>
      </form>
    );
  }

  const grouped = enrollment.secret.match(/.{1,4}/g)?.join(" ") ?? enrollment.secret;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start gap-6">
        <Image
          src={enrollment.qr}
          alt="QR code for your authenticator app"
          width={180}
          height={180}
          unoptimized
          className="rounded-md border border-slate-200"
        />
        <div className="min-w-0 flex-1 space-y-2 text-sm">
          <p className="font-medium">1. Scan this QR code with your authenticator app</p>
          <p className="text-slate-600">Can&rsquo;t scan it? Enter this setup key instead:</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all" data-testid="totp-secret">
              {grouped}
            </code>
            <CopyButton value={enrollment.secret} label="Copy key" />
          </div>
        </div>
      </div>
      <form action={confirmAction} className="max-w-sm space-y-3" noValidate>
        <p className="text-sm font-medium">2. Enter the 6-digit code the app shows</p>
        <FormMessage state={confirm} />
        <input type="hidden" name="enrollment" value={enrollment.sealed} />
        <FormField
          label="Verification code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          errors={confirm.fieldErrors?.code}
          required
        />
        <SubmitButton pendingText="Verifying…">Verify and enable</SubmitButton>
      </form>
    </div>
  );
}
