import { z } from "zod";
import { compileGlob } from "@/lib/glob/doublestar";

/** A doublestar glob (lib/glob/doublestar.ts); one that does not compile is the field's error. */
const globSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const compiled = compileGlob(value);
    if (!compiled.ok) ctx.addIssue({ code: "custom", message: compiled.error });
  });

/** An immutable tag rule as the settings form and the API send it. */
export const immutableTagRuleInputSchema = z.object({
  namespace: z.string().min(1).max(30),
  repositoryPattern: globSchema,
  tagPattern: globSchema,
});
export type ImmutableTagRuleInput = z.infer<typeof immutableTagRuleInputSchema>;

/** Deleting one rule of a namespace. */
export const immutableTagRuleDeleteSchema = z.object({
  namespace: z.string().min(1).max(30),
  ruleId: z.uuid("No such rule"),
});
