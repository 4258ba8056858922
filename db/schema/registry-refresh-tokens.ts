import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { personalAccessTokens } from "./personal-access-tokens";
import { users } from "./users";

/**
 * OAuth2 refresh tokens handed to docker/containerd on `docker login` (`access_type=offline`).
 * One issued from a personal access token dies with that token (cascade) and keeps its scope; one
 * issued from a password is revoked by a password change, a 2FA change, deactivation and "Sign out
 * everywhere". Client and addresses are kept so Settings → Security can list the logins.
 */
export const registryRefreshTokens = pgTable(
  "registry_refresh_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    personalAccessTokenId: uuid().references(() => personalAccessTokens.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    clientId: text(),
    // The User-Agent of the login (docker sends its version, OS and architecture).
    userAgent: text(),
    createdIp: text(),
    lastUsedIp: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("registry_refresh_tokens_user_id_idx").on(t.userId),
    index("registry_refresh_tokens_pat_id_idx").on(t.personalAccessTokenId),
  ],
);
