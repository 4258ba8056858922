import { z } from "zod";
import { repositoryDescriptionSchema, visibilitySchema } from "./repository";

const path = { namespace: z.string().min(1).max(30), name: z.string().min(1).max(200) };

export const repositoryDetailsSchema = z.object({
  ...path,
  description: repositoryDescriptionSchema,
  overview: z.string().max(25_000, "Must be at most 25,000 characters"),
});
export const repositoryVisibilitySchema = z.object({
  ...path,
  visibility: visibilitySchema,
  // No confirmation field: the settings page asks in a dialog (components/repositories/visibility-form.tsx).
});
export const deleteRepositorySchema = z.object({
  ...path,
  confirmation: z.string().trim().min(1, "Type the repository's name to confirm").max(250, "Too long"),
});
export const starSchema = z.object({ ...path, starred: z.enum(["true", "false"]) });
// No confirmation field: the tag page asks in a dialog naming every tag, and the dialog sends them.
export const deleteTagsSchema = z.object({
  ...path,
  tags: z
    .union([z.string(), z.array(z.string())], { error: "Select at least one tag" })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/, "Invalid tag"))
        .min(1, "Select at least one tag")
        .max(100, "At most 100 tags at once"),
    ),
});
export const reconcileRepositorySchema = z.object({ ...path });
