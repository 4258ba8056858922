"use server";

import { signIn, signOut } from "@/lib/auth";
import { getCurrentUser } from "@/lib/auth/session";
import { formAction } from "@/lib/actions/safe-action";
import { signTicket } from "@/lib/security/crypto";
import { safeCallbackUrl } from "@/lib/http/safe-redirect";
import { revokeSession } from "@/lib/services/session/revoke";
import { beginSignIn, CodeRejectedError, completeSignIn } from "@/lib/services/session/verify-credentials";
import { createUser } from "@/lib/services/user/create";
import { signInCodeSchema, signInSchema, signUpSchema } from "@/lib/validations/account";

export const signUpAction = formAction({
  schema: signUpSchema,
  auth: "public",
  handler: async (input) => {
    const user = await createUser(input);
    await signIn("credentials", {
      ticket: signTicket("sign-up", user.id, 60),
      redirectTo: "/settings/general?welcome=1",
    });
  },
});

export const signInAction = formAction({
  schema: signInSchema,
  auth: "public",
  handler: async (input, { ip }) => {
    const step = await beginSignIn(input.login, input.password, ip);
    if (step.step === "code") return { ok: false, data: { step: "code" as const, ticket: step.mfaTicket } };
    await signIn("credentials", { ticket: step.sessionTicket, redirectTo: safeCallbackUrl(input.callbackUrl) });
  },
});

export const signInCodeAction = formAction({
  schema: signInCodeSchema,
  auth: "public",
  handler: async (input) => {
    let sessionTicket: string;
    try {
      ({ sessionTicket } = await completeSignIn(input.ticket, input.code));
    } catch (err) {
      // Each ticket answers one attempt: the form carries the next one, or none when the sign-in must start over.
      if (!(err instanceof CodeRejectedError)) throw err;
      return { ok: false, message: err.message, data: { ticket: err.retryTicket } };
    }
    await signIn("credentials", { ticket: sessionTicket, redirectTo: safeCallbackUrl(input.callbackUrl) });
  },
});

export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await revokeSession(user.sessionId, user.id);
  await signOut({ redirectTo: "/" });
}
