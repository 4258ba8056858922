import { z } from "zod";
import { pageSizeSchema } from "@/lib/validations/pagination";
import { NOTIFICATION_KINDS } from "@/db/schema/notifications";

// A checkbox group arrives as nothing (none ticked), one string, or a list of strings.
const kindList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(NOTIFICATION_KINDS, { error: "Unknown notification kind" })).max(NOTIFICATION_KINDS.length * 2),
);

/** The notification settings form: the kinds ticked in the Email column and in the In-app column. */
export const notificationPreferencesSchema = z.object({ email: kindList, inApp: kindList });
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesSchema>;

/** Opening one notification (or marking it read). */
export const notificationIdSchema = z.object({ notificationId: z.uuid("Unknown notification") });

// "Mark all as read" takes no input: it acts on the signed-in user.
export const markAllNotificationsReadSchema = z.object({});

/** `/notifications?filter=unread&page=2`; anything odd in the URL falls back to the defaults. */
export const notificationListQuerySchema = z.object({
  filter: z.enum(["all", "unread"]).catch("all").default("all"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  page_size: pageSizeSchema,
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;
