import { z } from "zod";
import { MAX_RETENTION_RULES } from "@/lib/retention/rules";
import { SCHEDULE_KINDS } from "@/lib/retention/schedule";
import { namespaceParam } from "@/lib/validations/api/repositories";
import { pageQuery } from "./page-query";
import {
  criterionSchema,
  retentionGlobSchema,
  retentionNSchema,
  selectorModeSchema,
  toSchedule,
} from "@/lib/validations/retention";

const ruleBody = z
  .object({
    repository_pattern: retentionGlobSchema.describe("Doublestar glob over the repository name inside the namespace"),
    repository_mode: selectorModeSchema
      .default("match")
      .describe("`match`: repositories matching; `exclude`: the others"),
    tag_pattern: retentionGlobSchema.describe("Doublestar glob over tags"),
    tag_mode: selectorModeSchema
      .default("match")
      .describe("`match`: artifacts with a tag matching; `exclude`: artifacts with a tag not matching"),
    include_untagged: z.boolean().default(false).describe("Whether manifests without tags are candidates too"),
    criterion: criterionSchema.describe(
      "`latest_pushed` / `latest_pulled`: keep the N most recently pushed / pulled artifacts per repository; `pushed_within_days` / `pulled_within_days`: keep those pushed / pulled in the last N days; `always`: keep all",
    ),
    n: z.number().nullable().optional().describe("N of the criterion (1–100000); omitted or null for `always`"),
  })
  .transform((v, ctx) => {
    let n: number | null = null;
    if (v.criterion !== "always") {
      const parsed = retentionNSchema.safeParse(v.n ?? "");
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", path: ["n"], message: parsed.error.issues[0]!.message });
        return z.NEVER;
      }
      n = parsed.data;
    }
    return {
      repositoryPattern: v.repository_pattern,
      repositoryMode: v.repository_mode,
      tagPattern: v.tag_pattern,
      tagMode: v.tag_mode,
      includeUntagged: v.include_untagged,
      criterion: v.criterion,
      n,
    };
  });

const scheduleBody = z
  .object({
    kind: z.enum(SCHEDULE_KINDS).describe("`none`, `daily` (00:00 UTC), `weekly` (Sunday 00:00 UTC) or `cron`"),
    cron: z.string().max(100).nullable().optional().describe("Five fields, UTC (`0 3 * * *`), for `cron`"),
  })
  .transform((v, ctx) => toSchedule(v.kind, v.cron, ctx, ["cron"]));

export const retentionPolicyBody = z.object({
  rules: z
    .array(ruleBody)
    .max(MAX_RETENTION_RULES, `A namespace can have at most ${MAX_RETENTION_RULES} rules.`)
    .describe(`Up to ${MAX_RETENTION_RULES} rules, combined with OR`),
  schedule: scheduleBody.default({ kind: "none" }),
});

const ruleResource = z.object({
  id: z.string(),
  repository_pattern: z.string(),
  repository_mode: z.enum(["match", "exclude"]),
  tag_pattern: z.string(),
  tag_mode: z.enum(["match", "exclude"]),
  include_untagged: z.boolean(),
  criterion: z.string(),
  n: z.number().nullable(),
});

export const retentionPolicyResource = z.object({
  namespace: z.string(),
  rules: z.array(ruleResource),
  schedule: z.object({ kind: z.string(), cron: z.string().nullable() }),
  next_run_at: z.string().nullable().describe("When the schedule starts the next run"),
  untagged_listable: z
    .boolean()
    .describe(
      "Whether untagged manifests can be listed (false with an external registry: rules including them find none)",
    ),
  updated_by: z.string().nullable(),
  updated_at: z.string().nullable(),
});

export const startRetentionRunBody = z.object({
  dry_run: z.boolean().default(true).describe("List what would be deleted, and the bytes freed, without deleting"),
});

const artifactRecord = z.object({
  digest: z.string(),
  tags: z.array(z.string()),
  reasons: z.array(z.string()).optional(),
  kind: z.string().optional(),
});

export const retentionRunResource = z.object({
  id: z.string(),
  namespace: z.string(),
  dry_run: z.boolean(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  trigger: z.enum(["manual", "schedule"]),
  triggered_by: z.string().nullable(),
  repositories: z.number().int(),
  retained: z.number().int().describe("Artifacts kept"),
  deleted: z.number().int().describe("Artifacts deleted (or, dry, that would be)"),
  bytes_freed: z.number().int().describe("What the deletions free of the namespace's stored bytes"),
  untagged_listed: z.boolean().nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const retentionRunDetail = retentionRunResource.extend({
  results: z.array(
    z.object({
      repository: z.string(),
      retained_count: z.number().int(),
      deleted_count: z.number().int(),
      bytes_freed: z.number().int(),
      untouched_untagged: z.number().int(),
      error: z.string().nullable(),
      retained: z.array(artifactRecord),
      deleted: z.array(artifactRecord),
    }),
  ),
});

export const retentionRunPathParams = z.object({
  namespace: namespaceParam,
  id: z.uuid("Not a run id").describe("The run's id"),
});

export const retentionRunListQuery = z.object({ ...pageQuery });
