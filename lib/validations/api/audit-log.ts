import { z } from "zod";
import { pageQuery } from "./page-query";
import { auditActionSchema, auditActorSchema, auditTextSchema, MAX_AUDIT_LOG_PAGE } from "@/lib/validations/audit-log";
import { isoDate } from "./repositories";

// The audit page's filters (lib/validations/audit-log.ts), strict: an empty value is an error, not "no filter".
export const auditLogQuery = z.object({
  action: auditActionSchema.optional().describe("Only entries of this action (an unknown action is a 400)"),
  actor: auditActorSchema.optional().describe("Only entries by this username"),
  q: auditTextSchema.optional().describe("Text in the entry's target, case-insensitive"),
  ...pageQuery,
  // The log pages no further than the console's page does.
  page: z.coerce.number().int().min(1).max(MAX_AUDIT_LOG_PAGE).default(1).describe("1-based page number"),
});

export const auditEventResource = z.object({
  id: z.string(),
  action: z.string().describe("Stable name, as the `action` filter takes it (new actions may appear)"),
  description: z.string().describe("The entry as a sentence, as the console shows it"),
  actor: z.string().nullable().describe("Username at the time; null when nobody was signed in"),
  target: z.string().nullable(),
  metadata: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("Details of the action, by action (webhook URLs are left out)"),
  ip_address: z.string().nullable(),
  created_at: isoDate,
});
