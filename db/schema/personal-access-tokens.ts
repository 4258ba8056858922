import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Docker Hub's three token scopes. */
export const tokenScope = pgEnum("token_scope", ["read", "read_write", "read_write_delete"]);

export const personalAccessTokens = pgTable(
  "personal_access_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    description: text().notNull(),
    scope: tokenScope().notNull(),
    // The first characters of the secret (e.g. "rcp_AbC1"), shown in lists so people can tell tokens apart.
    displayPrefix: text().notNull(),
    // SHA-256 of the whole secret: tokens carry 160+ random bits, so a fast hash is safe and lookups stay O(1).
    tokenHash: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    // Deactivated tokens can be activated again; deleted ones are gone.
    deactivatedAt: timestamp({ withTimezone: true }),
    // Set when the "expires soon" notice went out, so it goes out once.
    expiryNotifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("personal_access_tokens_user_id_idx").on(t.userId)],
);

export type TokenScope = (typeof tokenScope.enumValues)[number];
