import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { namespaces } from "./namespaces";
import { users } from "./users";

/**
 * The audit log: who did what, when, in which namespace. Every security-relevant change and
 * every refused registry login lands here; owners of the namespace (and site operators) read it.
 * `namespace_id` is null only for events that concern no namespace (a login attempt for an
 * unknown name). The actor's name is copied so entries stay readable after the account is gone.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    // Cascade: an organization's log goes with the organization (its deletion is logged on the actor's own namespace).
    namespaceId: uuid().references(() => namespaces.id, { onDelete: "cascade" }),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    actorName: text(),
    action: text().notNull(),
    // What the action was done to, human-readable: `acme/web`, `acme/web:1.0`, a token's description, a member's name.
    target: text(),
    metadata: jsonb().$type<Record<string, unknown>>(),
    ipAddress: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_events_namespace_id_created_at_idx").on(t.namespaceId, t.createdAt.desc().nullsFirst()),
    index("audit_events_actor_id_idx").on(t.actorId),
    index("audit_events_created_at_idx").on(t.createdAt),
  ],
);
