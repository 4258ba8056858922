import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const NOTIFICATION_KINDS = [
  "repository_push",
  "new_sign_in",
  "token_created",
  "token_expiring",
  "two_factor_changed",
  "organization_invitation",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
const KIND_CHECK = sql.raw(NOTIFICATION_KINDS.map((k) => `'${k}'`).join(", "));

/** In-app notifications (the bell). Email copies go through the job queue. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().$type<NotificationKind>().notNull(),
    title: text().notNull(),
    body: text().notNull().default(""),
    link: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("notifications_user_id_created_at_idx").on(t.userId, t.createdAt.desc().nullsFirst()),
    index("notifications_user_id_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    check("notifications_kind", sql`${t.kind} in (${KIND_CHECK})`),
  ],
);

/** A user's choice per kind; a missing row means the defaults in lib/notifications/kinds.ts. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().$type<NotificationKind>().notNull(),
    email: boolean().notNull(),
    inApp: boolean().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind] }),
    check("notification_preferences_kind", sql`${t.kind} in (${KIND_CHECK})`),
  ],
);
