import { z } from "zod";

/** One path component of a repository name (distribution grammar), e.g. `web-app` or `tools.v2`. */
export const REPOSITORY_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;

export const repositoryNameSchema = z
  .string({ error: "Enter a repository name" })
  .trim()
  .min(2, "Must be at least 2 characters")
  .max(200, "Must be at most 200 characters")
  .refine(
    (n) => n.split("/").every((c) => REPOSITORY_COMPONENT.test(c)),
    "Use lowercase letters, digits and separators (. _ __ -) between them; no leading or trailing separators",
  );

export const repositoryDescriptionSchema = z.string().trim().max(100, "Must be at most 100 characters");

export const visibilitySchema = z.enum(["public", "private"], { error: "Choose public or private" });

/** Splits `namespace/name[/more]` into its namespace and repository name; null for a root name like `web`. */
export function splitRepositoryPath(path: string): { namespace: string; name: string } | null {
  const slash = path.indexOf("/");
  if (slash <= 0 || slash === path.length - 1) return null;
  return { namespace: path.slice(0, slash), name: path.slice(slash + 1) };
}

export const createRepositorySchema = z.object({
  namespace: z.string({ error: "Choose a namespace" }).regex(/^[a-z0-9]{4,30}$/, "Choose one of your namespaces"),
  name: repositoryNameSchema,
  description: repositoryDescriptionSchema,
  visibility: visibilitySchema,
});

export const checkRepositoryNameSchema = z.object({
  namespace: z.string().regex(/^[a-z0-9]{4,30}$/),
  name: z.string().max(250),
});
