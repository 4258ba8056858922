import { z } from "zod";
import { pageSizeSchema } from "@/lib/validations/pagination";
import { WEBHOOK_EVENTS } from "@/db/schema/webhooks";
import { MAX_TRIGGER_TAGS, patternError, splitTagList, TAG_PATTERN } from "@/lib/webhooks/trigger";

const repositoryPath = { namespace: z.string().min(1).max(30), name: z.string().min(1).max(200) };
const checkboxes = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

// The field rules of a webhook, shared by the form's schema below and the JSON API's
// (lib/validations/api/webhooks.ts), which shapes the same fields differently.
export const webhookNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{1,63}$/, "2–64 characters: letters, digits, - and _, starting with a letter");
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000, "At most 2,000 characters")
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), "Enter an http:// or https:// URL");
export const webhookEventsSchema = z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event");

/** What is wrong with a trigger's tag list (empty when nothing): `empty` is the message for no tags at all. */
export function triggerTagsErrors(tags: string[], empty = "List at least one tag"): string[] {
  if (tags.length === 0) return [empty];
  const errors: string[] = [];
  if (tags.length > MAX_TRIGGER_TAGS) errors.push(`At most ${MAX_TRIGGER_TAGS} tags`);
  const bad = tags.filter((t) => !TAG_PATTERN.test(t));
  if (bad.length > 0) errors.push(`Not valid tag names: ${bad.slice(0, 5).join(", ")}`);
  return errors;
}

/**
 * A webhook as the form sends it (flat fields, the tag list as one string). The trigger fields
 * are checked against the chosen trigger type: the tag list for "tags", an RE2 pattern for "regex".
 */
export const webhookInputSchema = z
  .object({
    webhookName: webhookNameSchema,
    url: webhookUrlSchema,
    triggerType: z.enum(["all", "tags", "regex"], { error: "Choose which tags trigger the webhook" }),
    triggerTags: z.string().max(5000).optional().default(""),
    triggerPattern: z.string().max(1000).optional().default(""),
    events: checkboxes(z.enum(WEBHOOK_EVENTS)).pipe(webhookEventsSchema),
  })
  .superRefine((v, ctx) => {
    if (v.triggerType === "tags") {
      for (const message of triggerTagsErrors(
        splitTagList(v.triggerTags),
        "List at least one tag, separated by semicolons",
      ))
        ctx.addIssue({ code: "custom", path: ["triggerTags"], message });
    }
    if (v.triggerType === "regex") {
      const error = patternError(v.triggerPattern.trim());
      if (error) ctx.addIssue({ code: "custom", path: ["triggerPattern"], message: error });
    }
  })
  .transform((v) => ({
    webhookName: v.webhookName,
    url: v.url,
    trigger:
      v.triggerType === "tags"
        ? { type: "tags" as const, tags: splitTagList(v.triggerTags) }
        : v.triggerType === "regex"
          ? { type: "regex" as const, pattern: v.triggerPattern.trim() }
          : { type: "all" as const },
    events: [...new Set(v.events)],
  }));

export type WebhookInput = z.output<typeof webhookInputSchema>;

export const createWebhookSchema = z.object(repositoryPath).and(webhookInputSchema);
export const updateWebhookSchema = z.object({ ...repositoryPath, webhookId: z.uuid() }).and(webhookInputSchema);
export const webhookRefSchema = z.object({ ...repositoryPath, webhookId: z.uuid() });
export const setWebhookActiveSchema = z.object({
  ...repositoryPath,
  webhookId: z.uuid(),
  active: z.enum(["true", "false"]),
});
export const redeliverSchema = z.object({ ...repositoryPath, webhookId: z.uuid(), deliveryId: z.uuid() });
export const deleteWebhookSchema = z.object({
  ...repositoryPath,
  webhookId: z.uuid(),
  confirm: z.literal("on", { error: "Confirm the deletion first" }),
});
export const deliveryLogQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  page_size: pageSizeSchema,
});

/** What a receiver may POST to a delivery's callback_url (Docker Hub's fields; context and target_url are accepted and ignored). */
export const deliveryCallbackSchema = z.object({
  state: z.enum(["success", "failure", "error", "pending"]),
  description: z.string().max(255).optional().default(""),
  context: z.string().max(100).optional(),
  target_url: z.string().max(2000).optional(),
});
export const deliveryCallbackParamsSchema = z.object({
  deliveryId: z.uuid(),
  mac: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
