import { pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Users who closed the getting-started checklist on their repositories page. Its steps are read
 * from facts (tokens, docker logins, pushed tags, organizations), so closing it is the only thing
 * it has to remember.
 */
export const gettingStartedDismissals = pgTable("getting_started_dismissals", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  dismissedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
