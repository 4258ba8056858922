import { z } from "zod";

/** A checkbox: "on" when ticked, absent from the form data when not. */
const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

/** The operator settings form. */
export const siteSettingsSchema = z.object({ allowPrivateWebhookTargets: checkbox });

/** Pulls (manifest GETs) allowed per window, per account and per address for anonymous pulls. */
export type PullRateLimit = { authenticated: number; anonymous: number; windowSeconds: number };

/** The windows the form offers, in seconds (Docker Hub counts per 6 hours). */
export const PULL_LIMIT_WINDOWS = [3_600, 6 * 3_600, 24 * 3_600] as const;

const pullCount = z.coerce
  .number({ message: "Enter a number of pulls" })
  .int("Enter a whole number of pulls")
  .min(1, "Allow at least 1 pull")
  .max(1_000_000, "At most 1,000,000 pulls");

/** The pull rate limit form: off, or a limit for accounts and one for anonymous addresses. */
export const pullRateLimitSchema = z
  .object({
    enabled: checkbox,
    authenticated: pullCount,
    anonymous: pullCount,
    windowSeconds: z.coerce
      .number()
      .refine((v) => (PULL_LIMIT_WINDOWS as readonly number[]).includes(v), "Choose a window from the list"),
  })
  .transform(({ enabled, authenticated, anonymous, windowSeconds }): PullRateLimit | null =>
    enabled ? { authenticated, anonymous, windowSeconds } : null,
  );

/** The read-only window form: on with a message people will read in their docker output, or off. */
export const readOnlySchema = z
  .object({
    enabled: checkbox,
    message: z.string().trim().max(200, "At most 200 characters"),
  })
  .superRefine((v, ctx) => {
    if (v.enabled && v.message.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["message"],
        message: 'Say why, e.g. "Garbage collection until 14:00 UTC."',
      });
  })
  .transform(({ enabled, message }) => (enabled ? { message } : null));
