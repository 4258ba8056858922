import { z } from "zod";
import { AUDIT_ACTION_NAMES } from "@/lib/audit/actions";

// The filter form is a GET form: an untouched field arrives as "", which means "no filter".
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * The audit log's filters and page, as they live in the URL. An unknown action is an error, not
 * ignored: silently dropping it would show every entry under a URL that claims a filter. A page
 * number out of range falls back to 1 like the other lists.
 */
export const auditLogQuerySchema = z.object({
  action: z.preprocess(blankToUndefined, z.enum(AUDIT_ACTION_NAMES, { error: "Unknown action" }).optional()),
  // Usernames are stored lowercase; anything else simply matches nobody.
  actor: z.preprocess(blankToUndefined, z.string({ error: "Enter one username" }).trim().toLowerCase().max(64, "Must be at most 64 characters").optional()),
  q: z.preprocess(blankToUndefined, z.string({ error: "Enter one search text" }).trim().max(200, "Must be at most 200 characters").optional()),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;
