import { z } from "zod";
import { compileGlob } from "@/lib/glob/doublestar";
import { parseCron } from "@/lib/retention/cron";
import { MAX_RETENTION_N, RETENTION_CRITERIA, type RetentionRule } from "@/lib/retention/rules";
import { SCHEDULE_KINDS, type RetentionSchedule } from "@/lib/retention/schedule";

/** A doublestar glob (lib/glob/doublestar.ts); one that does not compile is the field's error. */
export const retentionGlobSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const compiled = compileGlob(value);
    if (!compiled.ok) ctx.addIssue({ code: "custom", message: compiled.error });
  });

export const selectorModeSchema = z.enum(["match", "exclude"], "Choose matching or excluding.");
export const criterionSchema = z.enum(RETENTION_CRITERIA, "Choose what the rule keeps.");

/** N of a rule's criterion: a whole number from 1 (counts and days alike); ignored by "always". */
export const retentionNSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === "number" ? v : v.trim() === "" ? NaN : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_RETENTION_N) {
    ctx.addIssue({ code: "custom", message: `Enter a whole number from 1 to ${MAX_RETENTION_N}.` });
    return z.NEVER;
  }
  return n;
});

/** A rule without its id, as both the form and the API describe it. */
export type RetentionRuleInput = Omit<RetentionRule, "id">;

/** A rule as the settings form sends it (a checkbox for untagged artifacts; N as typed). */
export const retentionRuleFormSchema = z
  .object({
    namespace: z.string().min(1).max(30),
    // Present when editing an existing rule.
    ruleId: z.uuid("No such rule").optional(),
    repositoryPattern: retentionGlobSchema,
    repositoryMode: selectorModeSchema,
    tagPattern: retentionGlobSchema,
    tagMode: selectorModeSchema,
    includeUntagged: z.enum(["on"], "Tick the box or leave it empty.").optional(),
    criterion: criterionSchema,
    n: z.union([z.string(), z.number()]).optional(),
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
    const rule: RetentionRuleInput = {
      repositoryPattern: v.repositoryPattern,
      repositoryMode: v.repositoryMode,
      tagPattern: v.tagPattern,
      tagMode: v.tagMode,
      includeUntagged: v.includeUntagged === "on",
      criterion: v.criterion,
      n,
    };
    return { namespace: v.namespace, ruleId: v.ruleId, rule };
  });
export type RetentionRuleForm = z.output<typeof retentionRuleFormSchema>;

export const retentionRuleDeleteSchema = z.object({
  namespace: z.string().min(1).max(30),
  ruleId: z.uuid("No such rule"),
});

/** A schedule: its kind, and for "cron" a five-field expression (UTC) that parses. */
export const retentionScheduleFormSchema = z
  .object({
    namespace: z.string().min(1).max(30),
    scheduleKind: z.enum(SCHEDULE_KINDS, "Choose when the policy runs."),
    cron: z.string().max(100, "At most 100 characters.").optional(),
  })
  .transform((v, ctx) => {
    const schedule = toSchedule(v.scheduleKind, v.cron, ctx, ["cron"]);
    return { namespace: v.namespace, schedule };
  });

/** Shared by the form and the API: a cron that does not parse is an error on `path`. */
export function toSchedule(
  kind: (typeof SCHEDULE_KINDS)[number],
  cron: string | null | undefined,
  ctx: z.RefinementCtx,
  path: (string | number)[],
): RetentionSchedule {
  if (kind !== "cron") return { kind };
  const expression = (cron ?? "").trim();
  const parsed = parseCron(expression);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", path, message: parsed.error });
    return z.NEVER;
  }
  return { kind: "cron", cron: expression };
}

/** "Dry run" or "Run now" on the page. */
export const retentionRunFormSchema = z.object({
  namespace: z.string().min(1).max(30),
  dryRun: z.enum(["true", "false"], "Choose a dry run or a real one.").transform((v) => v === "true"),
});
