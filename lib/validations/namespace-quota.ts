import { z } from "zod";
import { MAX_QUOTA_BYTES, MIN_QUOTA_BYTES, QUOTA_UNITS, quotaAmountIssue } from "./site-settings";

/** A namespace's own storage quota: the site default, no limit, or a number of bytes. */
export type NamespaceQuotaSetting = "site_default" | "unlimited" | number;
export type NamespaceQuotaInput = { namespace: string; quota: NamespaceQuotaSetting };

/** The per-namespace quota form (Admin → Storage → a namespace). */
export const namespaceQuotaFormSchema = z
  .object({
    namespace: z.string().min(1).max(30),
    mode: z.enum(["site_default", "unlimited", "custom"], { message: "Choose one of the options" }),
    amount: z.string().trim(),
    unit: z.enum(Object.keys(QUOTA_UNITS) as [keyof typeof QUOTA_UNITS], { message: "Choose MB, GB or TB" }),
  })
  .superRefine((v, ctx) => {
    const issue = quotaAmountIssue(v.amount, v.unit, v.mode === "custom");
    if (issue) ctx.addIssue({ code: "custom", path: ["amount"], message: issue });
  })
  .transform(({ namespace, mode, amount, unit }): NamespaceQuotaInput => ({
    namespace,
    quota: mode === "custom" ? Math.round(Number(amount) * QUOTA_UNITS[unit]) : mode,
  }));

/** The same setting as the JSON API takes it. */
export const namespaceQuotaSettingSchema = z.union([
  z.literal("site_default"),
  z.literal("unlimited"),
  z
    .number()
    .int("Whole bytes")
    .min(MIN_QUOTA_BYTES, "At least 1 MB (1000000)")
    .max(MAX_QUOTA_BYTES, "At most 1,000 TB (1000000000000000)"),
]);
