"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/safe-action";
import { setNotificationPreferences } from "@/lib/services/notification/set-preferences";
import { notificationPreferencesSchema } from "@/lib/validations/notification";

export const setNotificationPreferencesAction = formAction({
  schema: notificationPreferencesSchema,
  handler: async (input, { user }) => {
    await setNotificationPreferences(user.id, input);
    revalidatePath("/settings/notifications");
    return { ok: true, message: "Notification settings saved." };
  },
});
