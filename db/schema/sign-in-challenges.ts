import { index, integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The second sign-in step (2FA code) of one password sign-in. The ticket the browser holds names a
 * row, and each row answers exactly one code attempt: the attempt consumes it in one statement, so
 * parallel posts of the same ticket get one evaluation. A wrong code chains a new row with
 * `attempts + 1`, which is how the per-sign-in attempt counter lives on the server.
 */
export const signInChallenges = pgTable(
  "sign_in_challenges",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Wrong codes before this row in the same sign-in.
    attempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("sign_in_challenges_user_id_idx").on(t.userId),
    index("sign_in_challenges_expires_at_idx").on(t.expiresAt),
  ],
);
