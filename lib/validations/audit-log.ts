import { z } from "zod";
import { AUDIT_ACTION_NAMES } from "@/lib/validations/audit-actions";
import { pageSizeSchema } from "@/lib/validations/pagination";

// The filter form is a GET form: an untouched field arrives as "", which means "no filter".
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

// The filters' rules, shared by the page's URL schema below and the JSON API's query
// (lib/validations/api/audit-log.ts), which has no blank form fields to forgive.
export const auditActionSchema = z.enum(AUDIT_ACTION_NAMES, { error: "Unknown action" });
// Usernames are stored lowercase; anything else simply matches nobody.
export const auditActorSchema = z
  .string({ error: "Enter one username" })
  .trim()
  .toLowerCase()
  .max(64, "Must be at most 64 characters");
export const auditTextSchema = z
  .string({ error: "Enter one search text" })
  .trim()
  .max(200, "Must be at most 200 characters");
export const MAX_AUDIT_LOG_PAGE = 10_000;

/**
 * The audit log's filters and page, as they live in the URL. An unknown action is an error, not
 * ignored: silently dropping it would show every entry under a URL that claims a filter. A page
 * number out of range falls back to 1 like the other lists.
 */
export const auditLogQuerySchema = z.object({
  action: z.preprocess(blankToUndefined, auditActionSchema.optional()),
  actor: z.preprocess(blankToUndefined, auditActorSchema.optional()),
  q: z.preprocess(blankToUndefined, auditTextSchema.optional()),
  page: z.coerce.number().int().min(1).max(MAX_AUDIT_LOG_PAGE).catch(1).default(1),
  page_size: pageSizeSchema,
});

export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;
