"use server";

import { signOut } from "@/lib/auth";
import { formAction } from "@/lib/actions/safe-action";
import { deactivateAccount } from "@/lib/services/user/deactivate";
import { deactivateSchema } from "@/lib/validations/settings";

export const deactivateAccountAction = formAction({
  schema: deactivateSchema,
  handler: async (input, { user, ip }) => {
    await deactivateAccount({
      userId: user.id,
      confirmation: input.confirmation,
      currentPassword: input.currentPassword,
      ip,
    });
    await signOut({ redirectTo: "/?deactivated=1" });
  },
});
