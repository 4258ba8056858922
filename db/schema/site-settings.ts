import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Settings a site operator changes at run time (Admin → Settings); a missing key means its default. */
export const siteSettings = pgTable(
  "site_settings",
  {
    key: text().primaryKey(),
    value: jsonb().notNull(),
    updatedById: uuid().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("site_settings_updated_by_id_idx").on(t.updatedById)],
);
