import { index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { repositories } from "./repositories";
import { users } from "./users";

export const repositoryStars = pgTable(
  "repository_stars",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    repositoryId: uuid()
      .notNull()
      .references(() => repositories.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.repositoryId] }),
    index("repository_stars_repository_id_idx").on(t.repositoryId),
  ],
);
