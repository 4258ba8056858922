import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { NOTIFICATION_KINDS, notificationPreferences, notifications, type NotificationKind } from "@/db/schema";
import { NOTIFICATION_KIND_INFO } from "@/lib/notifications/kinds";

export type NotificationPreferenceRow = {
  kind: NotificationKind;
  label: string;
  description: string;
  email: boolean;
  inApp: boolean;
};

/** The user's choice for every kind, in the order of NOTIFICATION_KINDS; kinds never saved show their defaults. */
export async function getNotificationPreferences(userId: string): Promise<NotificationPreferenceRow[]> {
  const rows = await getDb()
    .select({
      kind: notificationPreferences.kind,
      email: notificationPreferences.email,
      inApp: notificationPreferences.inApp,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const saved = new Map(rows.map((r) => [r.kind, r]));
  return NOTIFICATION_KINDS.map((kind) => {
    const info = NOTIFICATION_KIND_INFO[kind];
    const choice = saved.get(kind) ?? info.defaults;
    return { kind, label: info.label, description: info.description, email: choice.email, inApp: choice.inApp };
  });
}

/** The bell's number (served by the partial index on unread rows). */
export async function countUnreadNotifications(userId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export type NotificationListItem = {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
};

/** One page of the user's own notifications, newest first, with the total for the pager. */
export async function listNotifications(input: {
  userId: string;
  unreadOnly: boolean;
  page: number;
  pageSize: number;
}): Promise<{ items: NotificationListItem[]; total: number }> {
  const db = getDb();
  const where = input.unreadOnly
    ? and(eq(notifications.userId, input.userId), isNull(notifications.readAt))
    : eq(notifications.userId, input.userId);
  const [items, [totalRow]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        link: notifications.link,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(where)
      // The id breaks ties between rows written in one statement (same created_at).
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { items, total: totalRow?.n ?? 0 };
}
