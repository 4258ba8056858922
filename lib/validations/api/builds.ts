import { z } from "zod";
import { BUILD_CREDENTIAL_KINDS } from "@/db/schema/builds";
import {
  buildRuleIssues,
  buildSourceIssues,
  MAX_TOKEN_LENGTH,
  normalizeRule,
  type BuildRuleInput,
} from "@/lib/validations/build-settings";
import { repositoryPathParams } from "./repositories";

/**
 * The JSON API's build settings and rules (issue 23): snake_case fields, checked by the same
 * functions as the Builds tab's forms (lib/validations/build-settings.ts), errors on these names.
 */
const SOURCE_NAMES = { gitUrl: "git_url", credentialKind: "credential_kind", accessToken: "access_token" };
const RULE_NAMES = {
  sourceType: "source_type",
  sourceName: "source_name",
  sourceRegex: "source_regex",
  tagTemplate: "tag_template",
  dockerfilePath: "dockerfile_path",
  contextDir: "context_dir",
  buildArgs: "build_args",
};

export const buildRulePathParams = repositoryPathParams.extend({
  id: z.uuid("Not a rule id").describe("The rule's id"),
});

export const updateBuildSettingsBody = z
  .object({
    git_url: z.string().trim().describe("https://host/path, ssh://[user@]host[:port]/path or user@host:path"),
    credential_kind: z
      .enum(BUILD_CREDENTIAL_KINDS)
      .describe(
        "`token` (HTTPS) needs `access_token` unless one is stored; `deploy_key` (SSH) generates a key pair unless one exists, its public key in the answer",
      ),
    access_token: z
      .string()
      .max(MAX_TOKEN_LENGTH)
      .default("")
      .describe("Sealed at rest and never shown again; omit to keep the stored token"),
  })
  .superRefine((v, ctx) =>
    buildSourceIssues(
      { gitUrl: v.git_url, credentialKind: v.credential_kind, accessToken: v.access_token },
      ctx,
      SOURCE_NAMES,
    ),
  )
  .transform((v) => ({ gitUrl: v.git_url, credentialKind: v.credential_kind, accessToken: v.access_token }));

export const buildSettingsResource = z.object({
  configured: z.boolean().describe("False until a source is saved"),
  git_url: z.string().nullable(),
  credential_kind: z.enum(BUILD_CREDENTIAL_KINDS),
  deploy_public_key: z.string().nullable().describe("The deploy key's public half (OpenSSH), to add to the Git host"),
  builds_enabled: z.boolean().describe("Whether the site operator has enabled builds on this console"),
  updated_at: z.string().nullable(),
});

export const savedBuildSettingsResource = buildSettingsResource.extend({
  webhook_secret: z
    .string()
    .nullable()
    .describe("The build webhook's signing secret, only in the answer to the save that created the settings"),
});

export const deployKeyResource = z.object({ public_key: z.string() });

export const webhookSecretResource = z.object({
  webhook_secret: z.string().describe("The build webhook's new signing secret, shown only in this answer"),
});

const buildArgSchema = z.object({ key: z.string().max(128), value: z.string().max(4000) });

const ruleFields = {
  source_type: z.enum(["branch", "tag"]),
  source_name: z.string().trim().max(1000).describe("A branch or tag name, or an RE2 pattern when source_regex"),
  source_regex: z.boolean().default(false),
  tag_template: z
    .string()
    .trim()
    .max(1000)
    .describe("Image tag with {branch}, {tag}, {sha}, {sha7}, {date} and capture groups {1}…{9}"),
  dockerfile_path: z.string().trim().max(1000).default("Dockerfile"),
  context_dir: z.string().trim().max(1000).default("."),
  build_args: z.array(buildArgSchema).max(1000).default([]),
  enabled: z.boolean().default(true),
};
const ruleObject = z.object(ruleFields);

export function ruleFromApi(v: z.output<typeof ruleObject>): BuildRuleInput {
  return {
    sourceType: v.source_type,
    sourceName: v.source_name,
    sourceRegex: v.source_regex,
    tagTemplate: v.tag_template,
    dockerfilePath: v.dockerfile_path,
    contextDir: v.context_dir,
    buildArgs: v.build_args,
    enabled: v.enabled,
  };
}

/** A whole rule (create; and an update once merged with the stored rule). */
export const buildRuleBody = ruleObject
  .superRefine((v, ctx) => buildRuleIssues(ruleFromApi(v), ctx, RULE_NAMES))
  .transform((v) => normalizeRule(ruleFromApi(v)));

/** An update: any of the fields; the rest keep their stored values, then the whole rule is checked. */
export const updateBuildRuleBody = z
  .object({
    source_type: ruleFields.source_type.optional(),
    source_name: z.string().max(1000).optional(),
    source_regex: z.boolean().optional(),
    tag_template: z.string().max(1000).optional(),
    dockerfile_path: z.string().max(1000).optional(),
    context_dir: z.string().max(1000).optional(),
    build_args: z.array(buildArgSchema).max(1000).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field to change");

export const buildRuleResource = z.object({
  id: z.string(),
  source_type: z.enum(["branch", "tag"]),
  source_name: z.string(),
  source_regex: z.boolean(),
  tag_template: z.string(),
  dockerfile_path: z.string(),
  context_dir: z.string(),
  build_args: z.array(buildArgSchema),
  enabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const buildRuleList = z.object({ items: z.array(buildRuleResource) });
