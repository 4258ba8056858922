import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/db/schema/webhooks";
import { pageQuery } from "./page-query";
import { triggerTagsErrors, webhookEventsSchema, webhookNameSchema, webhookUrlSchema } from "@/lib/validations/webhook";
import { patternError } from "@/lib/webhooks/trigger";
import { isoDate, repositoryPathParams } from "./repositories";

export const webhookPathParams = repositoryPathParams.extend({
  id: z.uuid("Not a webhook id").describe("The webhook's id"),
});
export const deliveryPathParams = webhookPathParams.extend({
  deliveryId: z.uuid("Not a delivery id").describe("The delivery's id, from its delivery log"),
});
export const webhookListQuery = z.object({ ...pageQuery });
export const deliveryListQuery = z.object({ ...pageQuery });

/**
 * Which tags fire the webhook, as JSON: the form's rules (lib/validations/webhook.ts) on a
 * resource-shaped value. Tags are a list here (the form's semicolon-separated text), deduplicated.
 */
export const triggerBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("all") }).describe("Every tag (and repository deletion)"),
  z
    .object({
      type: z.literal("tags"),
      tags: z.array(z.string().trim()).transform((list, ctx) => {
        const tags = [...new Set(list.filter(Boolean))];
        for (const message of triggerTagsErrors(tags)) ctx.addIssue({ code: "custom", message, input: list });
        return tags;
      }),
    })
    .describe("Exactly these tags"),
  z
    .object({
      type: z.literal("regex"),
      pattern: z
        .string()
        .trim()
        .superRefine((pattern, ctx) => {
          const error = patternError(pattern);
          if (error) ctx.addIssue({ code: "custom", message: error });
        })
        .describe("RE2 syntax, found anywhere in the tag unless anchored with ^ and $"),
    })
    .describe("Tags the pattern matches"),
]);

const events = webhookEventsSchema
  .transform((list) => [...new Set(list)])
  .describe("What is sent: push, tag_deleted, repository_deleted");

export const createWebhookBody = z.object({
  name: webhookNameSchema.describe("Unique in the repository"),
  url: webhookUrlSchema.describe(
    "Where deliveries are POSTed. Loopback, private and link-local addresses are refused unless the site operator allows them.",
  ),
  trigger: triggerBody,
  events,
  active: z.boolean().default(true).describe("false creates the webhook paused"),
});

export const updateWebhookBody = z
  .object({
    name: webhookNameSchema.optional(),
    url: webhookUrlSchema.optional(),
    trigger: triggerBody.optional(),
    events: events.optional(),
    active: z
      .boolean()
      .optional()
      .describe("false pauses the webhook (what is already queued is still sent), true resumes it"),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "Send at least one of name, url, trigger, events, active",
  );

const deliveryStatus = z.enum(["queued", "retrying", "succeeded", "failed"]);

export const webhookResource = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  trigger: z.discriminatedUnion("type", [
    z.object({ type: z.literal("all") }),
    z.object({ type: z.literal("tags"), tags: z.array(z.string()) }),
    z.object({ type: z.literal("regex"), pattern: z.string() }),
  ]),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  active: z.boolean(),
  created_at: isoDate,
  updated_at: isoDate,
  last_delivery: z
    .object({ status: deliveryStatus, event: z.string(), tag: z.string().nullable(), created_at: isoDate })
    .nullable(),
  pending_deliveries: z.number().int().describe("Deliveries queued or waiting for a retry"),
});

/**
 * What a save went through with but a person should hear about, as the website's banner says it:
 * HOST_UNRESOLVED when the URL's host does not resolve in DNS yet (saved; deliveries fail and are
 * retried until it does).
 */
export const webhookWarning = z.object({
  code: z.enum(["HOST_UNRESOLVED"]),
  message: z.string(),
});
const warnings = z
  .array(webhookWarning)
  .describe(
    "Saved, but worth knowing; empty when there is nothing. HOST_UNRESOLVED: the URL's host does not resolve in DNS yet, so deliveries fail (and are retried) until it does.",
  );

export const createdWebhookResource = webhookResource.extend({
  secret: z.string().describe("The signing secret (X-Dockyard-Signature). Only in this answer and when rotated."),
  warnings,
});

export const updatedWebhookResource = webhookResource.extend({ warnings });

export const webhookSecretResource = z.object({
  secret: z.string().describe("The new signing secret; deliveries are signed with it from now on"),
});

export const queuedDeliveryResource = z.object({
  delivery_id: z.string().describe("The queued delivery; its attempts appear in GET …/deliveries"),
});

export const deliveryResource = z.object({
  id: z.string(),
  event: z.enum([...WEBHOOK_EVENTS, "test"]),
  tag: z.string().nullable(),
  digest: z.string().nullable(),
  status: deliveryStatus,
  next_attempt_at: isoDate.nullable().describe("When a retrying delivery is tried next"),
  redelivery_of: z.string().nullable().describe("The delivery this one sends again"),
  callback: z
    .object({ state: z.string(), description: z.string().nullable() })
    .nullable()
    .describe("What the receiver reported through callback_url"),
  payload: z.record(z.string(), z.unknown()).describe("The body sent (the same on every attempt)"),
  created_at: isoDate,
  completed_at: isoDate.nullable(),
  attempts: z.array(
    z.object({
      attempt: z.number().int(),
      url: z.string(),
      started_at: isoDate,
      finished_at: isoDate.nullable(),
      status_code: z.number().int().nullable().describe("The receiver's HTTP status; null when it did not answer"),
      duration_ms: z.number().int().nullable(),
      error: z.string().nullable(),
      response_excerpt: z.string().nullable(),
    }),
  ),
});
