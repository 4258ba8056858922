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

/** Units the storage quota form offers: base 1000, as every byte figure in the console (lib/format.ts). */
export const QUOTA_UNITS = { MB: 1e6, GB: 1e9, TB: 1e12 } as const;

/** The storage quota form: off, or an amount of a unit per namespace (at most 1,000 TB). */
export const storageQuotaSchema = z
  .object({
    enabled: checkbox,
    amount: z.string().trim(),
    unit: z.enum(Object.keys(QUOTA_UNITS) as [keyof typeof QUOTA_UNITS], { message: "Choose MB, GB or TB" }),
  })
  .superRefine((v, ctx) => {
    const n = Number(v.amount);
    // Checked even when the quota is being turned off: a size that is not a number is a mistake
    // worth saying, not something to drop silently with the rest of the form.
    if (v.amount !== "" && (v.amount.length > 20 || !Number.isFinite(n))) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter a size, e.g. 10" });
      return;
    }
    if (!v.enabled) return;
    if (v.amount === "" || !Number.isFinite(n))
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter a size, e.g. 10" });
    else if (n <= 0) ctx.addIssue({ code: "custom", path: ["amount"], message: "Enter a size above 0" });
    else if (n * QUOTA_UNITS[v.unit] > 1e15)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "At most 1,000 TB" });
    else if (n * QUOTA_UNITS[v.unit] < 1e6)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "At least 1 MB" });
  })
  .transform(({ enabled, amount, unit }): number | null =>
    enabled ? Math.round(Number(amount) * QUOTA_UNITS[unit]) : null,
  );
