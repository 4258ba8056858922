import { z } from "zod";
import { pageQuery } from "./page-query";
import { repositoryDescriptionSchema, repositoryNameSchema, visibilitySchema } from "@/lib/validations/repository";
import { tagNameSchema } from "@/lib/validations/tag-list";
import { storageResource } from "./storage";

// Path segments. The rules are the UI's (lib/validations/repository.ts), reused, not copied.
export const namespaceParam = z
  .string()
  .regex(/^[a-z0-9]{4,30}$/, "Not a namespace name")
  .describe("A user or organization name");
export const repositoryPathParams = z.object({
  namespace: namespaceParam,
  name: z.string().min(1).max(200).describe("Repository name"),
});
export const tagPathParams = repositoryPathParams.extend({ tag: tagNameSchema.describe("Tag name") });

export const repositoryListQuery = z.object({
  q: z.string().trim().max(100).default("").describe("Substring of the repository name"),
  sort: z.enum(["name", "pushed", "pulls", "stars"]).default("pushed"),
  ...pageQuery,
});

export const createRepositoryBody = z.object({
  name: repositoryNameSchema,
  description: repositoryDescriptionSchema.default(""),
  visibility: visibilitySchema.optional().describe("Defaults to the namespace's default visibility"),
});

export const updateRepositoryBody = z
  .object({
    description: repositoryDescriptionSchema.optional(),
    overview: z
      .string()
      .max(25_000, "Must be at most 25,000 characters")
      .optional()
      .describe("Markdown shown on the repository page"),
    visibility: visibilitySchema.optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "Send at least one of description, overview, visibility",
  );

export const tagListQuery = z.object({
  q: z.string().trim().max(128).default("").describe("Substring of the tag name"),
  sort: z.enum(["pushed", "name"]).default("pushed"),
  ...pageQuery,
});

export const isoDate = z.string().describe("ISO 8601 date and time");

export const repositoryResource = z.object({
  namespace: z.string(),
  name: z.string(),
  full_name: z.string().describe("namespace/name, as in docker pull"),
  visibility: z.enum(["public", "private"]),
  description: z.string(),
  star_count: z.number().int(),
  pull_count: z.number().int(),
  last_pushed_at: isoDate.nullable(),
  created_at: isoDate.optional(),
  status: z.enum(["active", "deleting"]).optional(),
});

export const repositoryDetailResource = repositoryResource.extend({
  overview: z.string(),
  role: z.enum(["none", "read", "write", "admin", "owner"]).describe("What the token's user may do here"),
  pull_command: z.string(),
  url: z.string().describe("The repository's page in the console"),
  storage: storageResource,
});

export const tagResource = z.object({
  name: z.string(),
  digest: z.string(),
  media_type: z.string(),
  kind: z
    .enum(["image", "index"])
    .nullable()
    .describe("null until the console has described the digest (moments after a push)"),
  size: z.number().int().nullable().describe("Compressed size in bytes (the layers, as Docker Hub shows it)"),
  platforms: z
    .array(
      z.object({
        os: z.string(),
        architecture: z.string(),
        variant: z.string().optional(),
        digest: z.string(),
        size: z.number().int(),
      }),
    )
    .nullable(),
  pushed_at: isoDate,
  pushed_by: z.string().nullable(),
  last_pulled_at: isoDate.nullable(),
  pull_count: z.number().int(),
});
