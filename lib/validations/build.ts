import { z } from "zod";

/**
 * Starting builds (issue 23): "Build now" on a rule, with an optional branch or tag name; the
 * form's and the API's input. A Git ref name's own grammar (git check-ref-format) is left to the
 * Git server: a name it does not have fails the build with "not found" in the log.
 */
export const buildRefSchema = z
  .string()
  .trim()
  .max(255, "At most 255 characters")
  .refine((v) => !/[\s~^:?*[\\\x00-\x1f\x7f]/.test(v) && !v.startsWith("-") && !v.includes(".."), {
    message: "Not a branch or tag name: no spaces, ~ ^ : ? * [ \\ or .., and not starting with -",
  })
  .transform((v) => v.replace(/^refs\/(heads|tags)\//, ""));

export const startBuildInput = z.object({
  ruleId: z.string().uuid("Choose a build rule"),
  ref: buildRefSchema.optional(),
});
export type StartBuildInput = z.infer<typeof startBuildInput>;

const repositoryPath = { namespace: z.string().min(1).max(30), name: z.string().min(1).max(200) };

/** "Build now" on the Builds tab: the rule chosen and the optional branch or tag typed. */
export const startBuildFormSchema = startBuildInput.extend(repositoryPath);

/** Cancel or retry from a build's page. */
export const buildActionFormSchema = z.object({
  ...repositoryPath,
  number: z.coerce.number().int().min(1).max(999_999_999),
});

/** "Clear build cache" on the Builds tab. */
export const clearBuildCacheFormSchema = z.object(repositoryPath);
