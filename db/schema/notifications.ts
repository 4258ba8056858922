import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";

export const NOTIFICATION_KINDS = [
  "repository_push",
  "own_push",
  "new_sign_in",
  "token_created",
  "token_expiring",
  "two_factor_changed",
  "organization_invitation",
  "storage_quota",
  "build_finished",
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
    // For a group (pushes to one repository by one actor), the time it last grew: it moves back to
    // the top of the list when more tags arrive.
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
    // Set while the row is an open group that later events of the same key add to (see
    // lib/services/notification/notify-grouped.ts); cleared when the group closes.
    groupKey: text(),
    groupCount: integer().notNull().default(1),
    // The group's tag names in arrival order, capped (the count goes on past the cap).
    groupItems: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    // One open group per user and key: concurrent envelopes meet here and add to the same row.
    uniqueIndex("notifications_user_id_group_key_idx")
      .on(t.userId, t.groupKey)
      .where(sql`${t.groupKey} is not null`),
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
