import { z } from "zod";
import { BUILD_STATUSES, BUILD_TRIGGERS } from "@/db/schema/build-records";
import { buildRefSchema } from "@/lib/validations/build";
import { pageQuery } from "./page-query";
import { repositoryPathParams } from "./repositories";

/** The JSON API's build records, triggers and logs (issue 23). */
export const buildPathParams = repositoryPathParams.extend({
  number: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .describe("The build's number in its repository (#1, #2, …)"),
});

export const buildListQuery = z.object({ ...pageQuery });

export const startBuildBody = z
  .object({
    rule_id: z.uuid("Not a rule id").describe("The build rule to build"),
    ref: buildRefSchema
      .optional()
      .describe("The branch or tag to build (a name, or refs/heads/… / refs/tags/…); the rule's own when omitted"),
  })
  .transform((v) => ({ ruleId: v.rule_id, ref: v.ref }));

export const buildLogQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .default(0)
    .describe("Return the pieces after this one (`next_after` of the previous answer); 0 from the start"),
});

export const buildResource = z.object({
  number: z.number().int(),
  status: z.enum(BUILD_STATUSES),
  trigger: z.enum(BUILD_TRIGGERS),
  trigger_source: z.string().nullable().describe("github, gitlab, gitea or generic for webhook builds"),
  rule_id: z.string().nullable().describe("The rule it was built by (null once the rule is deleted)"),
  source_type: z.enum(["branch", "tag"]),
  ref: z.string().describe("The branch or tag name"),
  commit: z.string().nullable().describe("The commit built, once known"),
  image_tag: z.string().nullable(),
  digest: z.string().nullable().describe("The pushed image's manifest digest"),
  error: z.string().nullable(),
  started_by: z.string().nullable().describe("Who started it (null for webhook builds)"),
  cancel_requested: z.boolean(),
  queue_position: z.number().int().nullable().describe("For a queued build: its place among the site's queued builds"),
  dockerfile_path: z.string(),
  log_bytes: z.number().int(),
  log_truncated: z.boolean(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  duration_seconds: z.number().nullable(),
});

export const buildLogResource = z.object({
  pieces: z.array(z.object({ seq: z.number().int(), text: z.string() })),
  next_after: z.number().int().describe("Pass as `after` to read on"),
  complete: z.boolean().describe("The build has finished and every piece was returned: there is nothing more to read"),
});

export const cancelBuildResource = z.object({
  status: z
    .enum(["cancelled", "cancelling"])
    .describe("cancelled: it had not started; cancelling: it stops within a second"),
});
