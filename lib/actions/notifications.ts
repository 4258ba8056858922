"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/safe-action";
import { safeCallbackUrl } from "@/lib/http/safe-redirect";
import { markAllNotificationsRead } from "@/lib/services/notification/mark-all-read";
import { markNotificationRead } from "@/lib/services/notification/mark-read";
import { markAllNotificationsReadSchema, notificationIdSchema } from "@/lib/validations/notification";
import { formatCount } from "@/lib/format";

/** Opening an item: marks it read, then goes where it points (same-site paths only). */
export const openNotificationAction = formAction({
  schema: notificationIdSchema,
  handler: async (input, { user }) => {
    const { link } = await markNotificationRead(user.id, input.notificationId);
    // The bell in the root layout shows the count too.
    revalidatePath("/", "layout");
    redirect(safeCallbackUrl(link, "/notifications"));
  },
});

/** "Mark as read" in the bell's dropdown: the item stays where it is, only its unread mark goes. */
export const markNotificationReadAction = formAction({
  schema: notificationIdSchema,
  handler: async (input, { user }) => {
    await markNotificationRead(user.id, input.notificationId);
    revalidatePath("/", "layout");
    return { ok: true, message: "Marked as read." };
  },
});

export const markAllNotificationsReadAction = formAction({
  schema: markAllNotificationsReadSchema,
  handler: async (_input, { user }) => {
    const n = await markAllNotificationsRead(user.id);
    revalidatePath("/", "layout");
    return { ok: true, message: n === 0 ? "Nothing was unread." : `Marked ${formatCount(n, "notification")} as read.` };
  },
});
