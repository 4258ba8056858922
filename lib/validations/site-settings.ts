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

/** A quota's byte bounds, the same for the site default and a namespace's own quota. */
export const MIN_QUOTA_BYTES = 1e6;
export const MAX_QUOTA_BYTES = 1e15;

/**
 * What is wrong with a quota's size field, or null. Checked even when the size is not used (the
 * quota turned off): a size that is not a number is a mistake worth saying, not something to drop
 * silently with the rest of the form.
 */
export function quotaAmountIssue(amount: string, unit: keyof typeof QUOTA_UNITS, used: boolean): string | null {
  const n = Number(amount);
  if (amount !== "" && (amount.length > 20 || !Number.isFinite(n))) return "Enter a size, e.g. 10";
  if (!used) return null;
  if (amount === "" || !Number.isFinite(n)) return "Enter a size, e.g. 10";
  if (n <= 0) return "Enter a size above 0";
  if (n * QUOTA_UNITS[unit] > MAX_QUOTA_BYTES) return "At most 1,000 TB";
  if (n * QUOTA_UNITS[unit] < MIN_QUOTA_BYTES) return "At least 1 MB";
  return null;
}

/** The storage quota form: off, or an amount of a unit per namespace (at most 1,000 TB). */
export const storageQuotaSchema = z
  .object({
    enabled: checkbox,
    amount: z.string().trim(),
    unit: z.enum(Object.keys(QUOTA_UNITS) as [keyof typeof QUOTA_UNITS], { message: "Choose MB, GB or TB" }),
  })
  .superRefine((v, ctx) => {
    const issue = quotaAmountIssue(v.amount, v.unit, v.enabled);
    if (issue) ctx.addIssue({ code: "custom", path: ["amount"], message: issue });
  })
  .transform(({ enabled, amount, unit }): number | null =>
    enabled ? Math.round(Number(amount) * QUOTA_UNITS[unit]) : null,
  );

/** The largest unit a quota is a whole number of, for showing a saved quota as it was typed (10 GB when none). */
export function quotaAsAmount(bytes: number | null): { amount: string; unit: keyof typeof QUOTA_UNITS } {
  if (bytes === null) return { amount: "10", unit: "GB" };
  for (const unit of ["TB", "GB", "MB"] as const)
    if (bytes % QUOTA_UNITS[unit] === 0) return { amount: String(bytes / QUOTA_UNITS[unit]), unit };
  return { amount: String(bytes / QUOTA_UNITS.MB), unit: "MB" };
}

/** The builds form (Admin → Settings): builds on or off, and whether Git hosts on private networks may be used. */
export const buildsSettingsSchema = z.object({
  buildsEnabled: checkbox,
  allowPrivateGit: checkbox,
  allowNetwork: checkbox,
});
