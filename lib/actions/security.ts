"use server";

import QRCode from "qrcode";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/lib/auth";
import { formAction } from "@/lib/actions/safe-action";
import { totpFor } from "@/lib/security/totp";
import { startEnrollment } from "@/lib/security/two-factor-enrollment";
import { revokeRefreshToken } from "@/lib/services/registry-refresh-token/revoke";
import { revokeListedSession } from "@/lib/services/session/revoke";
import { signOutEverywhere } from "@/lib/services/session/sign-out-everywhere";
import { disableTwoFactor } from "@/lib/services/two-factor/disable";
import { enableTwoFactor } from "@/lib/services/two-factor/enable";
import { regenerateRecoveryCodes } from "@/lib/services/two-factor/regenerate-recovery-codes";
import { revokeDockerLoginSchema, revokeSessionSchema, signOutEverywhereSchema } from "@/lib/validations/sign-ins";
import { confirmWithCodeSchema, enableTwoFactorSchema } from "@/lib/validations/two-factor";

export const startTwoFactorAction = formAction({
  schema: z.object({}),
  handler: async (_input, { user }) => {
    const { secret, sealed } = startEnrollment(user.id);
    const qr = await QRCode.toDataURL(totpFor(user.username, secret).toString(), { margin: 1, width: 200 });
    return { ok: true, data: { step: "confirm" as const, secret, sealed, qr } };
  },
});

export const enableTwoFactorAction = formAction({
  schema: enableTwoFactorSchema,
  handler: async (input, { user, ip }) => {
    const { recoveryCodes } = await enableTwoFactor({
      userId: user.id,
      username: user.username,
      enrollment: input.enrollment,
      code: input.code,
      ip,
    });
    // No revalidation here: the page would swap to the "enabled" view and lose the codes shown
    // once; the client refreshes after the user confirms they saved them.
    return { ok: true, data: { recoveryCodes } };
  },
});

export const regenerateRecoveryCodesAction = formAction({
  schema: confirmWithCodeSchema,
  handler: async (input, { user, ip }) => {
    const { recoveryCodes } = await regenerateRecoveryCodes({ userId: user.id, code: input.code, ip });
    revalidatePath("/settings/security");
    return { ok: true, data: { recoveryCodes } };
  },
});

export const disableTwoFactorAction = formAction({
  schema: confirmWithCodeSchema,
  handler: async (input, { user, ip }) => {
    await disableTwoFactor({ userId: user.id, sessionId: user.sessionId, code: input.code, ip });
    // A redirect (not a message): the page swaps to the setup view, which would drop the form's message.
    redirect("/settings/security?disabled=1");
  },
});

export const revokeDockerLoginAction = formAction({
  schema: revokeDockerLoginSchema,
  handler: async (input, { user, ip }) => {
    await revokeRefreshToken(input.loginId, user.id, ip);
    revalidatePath("/settings/security");
    return { ok: true, message: "Docker login revoked. That client must log in again." };
  },
});

export const revokeSessionAction = formAction({
  schema: revokeSessionSchema,
  handler: async (input, { user, ip }) => {
    await revokeListedSession(input.sessionId, user.id, ip);
    // Ending the session this request came from is a sign-out: Auth.js clears the cookie too.
    if (input.sessionId === user.sessionId) await signOut({ redirectTo: "/signin" });
    revalidatePath("/settings/security");
    return { ok: true, message: "Session revoked." };
  },
});

export const signOutEverywhereAction = formAction({
  schema: signOutEverywhereSchema,
  handler: async (_input, { user, ip }) => {
    await signOutEverywhere({ userId: user.id, ip });
    // The session behind this cookie has just ended with the others: clear the cookie as signing out does.
    await signOut({ redirectTo: "/signin" });
  },
});
