import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { repositories } from "./repositories";
import { users } from "./users";

export const WEBHOOK_EVENTS = ["push", "tag_deleted", "repository_deleted", "build_succeeded", "build_failed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * A repository's webhooks (at most 10 each). `repository_id` is set null, not cascaded, when the
 * repository goes: its "repository deleted" deliveries still have to be made, and the orphaned
 * webhook is removed once none is pending.
 */
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid().primaryKey().defaultRandom(),
    repositoryId: uuid().references(() => repositories.id, { onDelete: "set null" }),
    name: text().notNull(),
    url: text().notNull(),
    // all: every tag; tags: the listed tags; regex: tags the pattern matches (RE2 syntax, linear time).
    triggerType: text().$type<"all" | "tags" | "regex">().notNull().default("all"),
    triggerTags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    triggerPattern: text(),
    events: text().array().$type<WebhookEvent[]>().notNull(),
    // AES-256-GCM ciphertext (lib/security/crypto.ts) of the HMAC signing secret.
    secretEnc: text().notNull(),
    active: boolean().notNull().default(true),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Also the index for repository_id (leading column).
    unique("webhooks_repository_id_name_unique").on(t.repositoryId, t.name),
    index("webhooks_created_by_id_idx").on(t.createdById),
    check("webhooks_name_format", sql`${t.name} ~ '^[A-Za-z][A-Za-z0-9_-]{1,63}$'`),
    check("webhooks_trigger_type", sql`${t.triggerType} in ('all', 'tags', 'regex')`),
    check(
      "webhooks_events",
      sql`cardinality(${t.events}) > 0 and ${t.events} <@ array['push', 'tag_deleted', 'repository_deleted', 'build_succeeded', 'build_failed']::text[]`,
    ),
  ],
);

/**
 * One event sent (or to be sent) to one webhook. The payload is fixed when the event happens, so
 * a retry or a redelivery sends the same body (with a fresh timestamp and signature).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    webhookId: uuid()
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text().$type<WebhookEvent | "test">().notNull(),
    tag: text(),
    digest: text(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    // queued → (retrying →)* succeeded | failed
    status: text().$type<"queued" | "retrying" | "succeeded" | "failed">().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    redeliveryOfId: uuid().references((): import("drizzle-orm/pg-core").AnyPgColumn => webhookDeliveries.id, {
      onDelete: "set null",
    }),
    // What the receiver reported through callback_url (Docker Hub's webhook chain), if anything.
    callbackState: text(),
    callbackDescription: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_webhook_id_created_at_idx").on(t.webhookId, t.createdAt.desc().nullsFirst()),
    index("webhook_deliveries_redelivery_of_id_idx").on(t.redeliveryOfId),
    check("webhook_deliveries_status", sql`${t.status} in ('queued', 'retrying', 'succeeded', 'failed')`),
  ],
);

/** Each HTTP request made for a delivery. Written before the request, completed after it: a row never completed means the console stopped mid-request. */
export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    url: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    durationMs: integer(),
    statusCode: integer(),
    error: text(),
    responseExcerpt: text(),
    requestHeaders: jsonb().$type<Record<string, string>>(),
  },
  (t) => [unique("webhook_delivery_attempts_delivery_id_attempt_unique").on(t.deliveryId, t.attempt)],
);

export type Webhook = typeof webhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryAttempt = typeof webhookDeliveryAttempts.$inferSelect;
