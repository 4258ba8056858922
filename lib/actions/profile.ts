"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/safe-action";
import { changePassword } from "@/lib/services/user/change-password";
import { requestEmailChange } from "@/lib/services/user/request-email-change";
import { resendEmailChange } from "@/lib/services/user/resend-email-change";
import { setDefaultVisibility } from "@/lib/services/user/set-default-visibility";
import { updateProfile } from "@/lib/services/user/update-profile";
import {
  changeEmailSchema,
  changePasswordSchema,
  defaultVisibilitySchema,
  profileSchema,
  resendEmailChangeSchema,
} from "@/lib/validations/settings";

const notSent = (email: string) =>
  `We could not send the email to ${email} right now. Your request is saved: use "Resend link" in a moment.`;

export const updateProfileAction = formAction({
  schema: profileSchema,
  handler: async (input, { user }) => {
    await updateProfile(user.id, input);
    revalidatePath("/settings/general");
    revalidatePath(`/u/${user.username}`);
    return { ok: true, message: "Profile saved." };
  },
});

export const changeEmailAction = formAction({
  schema: changeEmailSchema,
  handler: async (input, { user }) => {
    const { sent } = await requestEmailChange(user.id, input);
    revalidatePath("/settings/general");
    if (!sent) return { ok: false, message: notSent(input.email) };
    return {
      ok: true,
      message: `Check ${input.email}: we sent a link to confirm it. Your current address stays until you open it.`,
    };
  },
});

export const resendEmailChangeAction = formAction({
  schema: resendEmailChangeSchema,
  handler: async (_input, { user }) => {
    const { sent, email } = await resendEmailChange(user.id);
    revalidatePath("/settings/general");
    if (!sent) return { ok: false, message: notSent(email) };
    return { ok: true, message: `We sent a new link to ${email}. Earlier links no longer work.` };
  },
});

export const changePasswordAction = formAction({
  schema: changePasswordSchema,
  handler: async (input, { user, ip }) => {
    const { endedSessions } = await changePassword({
      userId: user.id,
      sessionId: user.sessionId,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      ip,
    });
    return {
      ok: true,
      message: `Password changed.${endedSessions > 0 ? ` ${endedSessions} other session${endedSessions === 1 ? " was" : "s were"} signed out.` : ""}`,
    };
  },
});

export const setDefaultVisibilityAction = formAction({
  schema: defaultVisibilitySchema,
  handler: async (input, { user }) => {
    await setDefaultVisibility(user.id, input.visibility);
    revalidatePath("/settings/general");
    return { ok: true, message: `New repositories will be ${input.visibility}.` };
  },
});
