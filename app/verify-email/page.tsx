import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ButtonLink } from "@/components/ui/button";
import { AppError } from "@/lib/errors";
import { confirmEmailChange } from "@/lib/services/user/confirm-email-change";
import { verifyEmailTokenSchema } from "@/lib/validations/settings";

export const metadata: Metadata = { title: "Confirm email" };

/** Opening the emailed link confirms the address (the token is single-use and expires). */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = verifyEmailTokenSchema.safeParse((await searchParams).token);
  let result: { ok: true; email: string } | { ok: false; message: string };
  if (!token.success) result = { ok: false, message: "This link is incomplete. Copy the whole link from the email." };
  else {
    try {
      result = { ok: true, ...(await confirmEmailChange(token.data)) };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result = { ok: false, message: err.message };
    }
  }
  return (
    <AuthCard title={result.ok ? "Email address confirmed" : "This link does not work"}>
      <p className="text-sm text-slate-700" role={result.ok ? "status" : "alert"} data-testid="verify-result">
        {result.ok ? (
          <>
            <span className="font-medium">{result.email}</span> is now the email address of your account.
          </>
        ) : (
          result.message
        )}
      </p>
      <ButtonLink href="/settings/general" className="mt-6">
        Go to settings
      </ButtonLink>
    </AuthCard>
  );
}
