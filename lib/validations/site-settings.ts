import { z } from "zod";

/** The operator settings form: an unchecked checkbox is absent from the form data. */
export const siteSettingsSchema = z.object({
  allowPrivateWebhookTargets: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});
