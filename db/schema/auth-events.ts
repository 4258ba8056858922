import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Security-relevant account events (failed registry logins, token use refused, …), kept for the audit log. */
export const authEvents = pgTable(
  "auth_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    detail: text(),
    ipAddress: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("auth_events_user_id_idx").on(t.userId), index("auth_events_created_at_idx").on(t.createdAt)],
);
