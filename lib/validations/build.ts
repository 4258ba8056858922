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
