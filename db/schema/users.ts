import { boolean, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { namespaces } from "./namespaces";

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    // A user's personal namespace (unique, so that constraint is its index); deleting a namespace that still has a user is refused.
    namespaceId: uuid()
      .notNull()
      .unique()
      .references(() => namespaces.id, { onDelete: "restrict" }),
    username: text().notNull().unique(),
    email: text().notNull().unique(),
    passwordHash: text().notNull(),
    displayName: text(),
    // Site operators (the seeded admin) may act on every namespace.
    isAdmin: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
);

export type User = typeof users.$inferSelect;
