import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { namespaces } from "./namespaces";

export const users = pgTable("users", {
  id: uuid().primaryKey().defaultRandom(),
  // A user's personal namespace (unique, so that constraint is its index); deleting a namespace
  // that still has a user is refused.
  namespaceId: uuid()
    .notNull()
    .unique()
    .references(() => namespaces.id, { onDelete: "restrict" }),
  username: text().notNull().unique(),
  email: text().notNull().unique(),
  emailVerifiedAt: timestamp({ withTimezone: true }),
  passwordHash: text().notNull(),
  passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  displayName: text(),
  company: text(),
  location: text(),
  website: text(),
  // Site operators (the seeded admin) may act on every namespace.
  isAdmin: boolean().notNull().default(false),
  // AES-256-GCM ciphertext of the TOTP secret (lib/security/crypto.ts); null while 2FA is off.
  totpSecretEnc: text(),
  totpEnabledAt: timestamp({ withTimezone: true }),
  // Deactivated accounts keep their row (and so their namespace stays reserved) but cannot sign in.
  deactivatedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
