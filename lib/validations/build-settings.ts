import { z } from "zod";
import { BUILD_CREDENTIAL_KINDS, type BuildArg } from "@/db/schema/builds";
import { parseGitUrl } from "@/lib/builds/git-url";
import { normalizeRepoPath, templateError } from "@/lib/builds/rules";
import { patternError } from "@/lib/webhooks/trigger";

/**
 * Build settings and rules (issue 23). One schema per input: the form's (flat strings, a
 * checkbox, build arguments as KEY=value lines) and the JSON API's (lib/validations/api/builds.ts)
 * end in the same shapes, checked by the same functions here, so both explain the same errors on
 * the same fields. Whether a Git host is private is checked by the service (it needs DNS).
 */

const repositoryPath = { namespace: z.string().min(1).max(30), name: z.string().min(1).max(200) };
const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

export const MAX_BUILD_ARGS = 50;
export const MAX_TOKEN_LENGTH = 1000;

export type BuildSourceInput = {
  gitUrl: string;
  credentialKind: (typeof BUILD_CREDENTIAL_KINDS)[number];
  // Empty: keep the token already stored (a token is never shown again, so the form cannot resend it).
  accessToken: string;
};

/** The source's field errors (gitUrl, credentialKind, accessToken), for both inputs. */
export function buildSourceIssues(v: BuildSourceInput, ctx: z.RefinementCtx, names: FieldNames = {}): void {
  const issue = (field: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [names[field] ?? field], message });
  const url = parseGitUrl(v.gitUrl);
  if ("error" in url) issue("gitUrl", url.error);
  else if (v.credentialKind === "token" && url.transport === "ssh")
    issue("credentialKind", "An access token works over https:// only (or http:// on loopback)");
  else if (v.credentialKind === "deploy_key" && url.transport !== "ssh")
    issue("credentialKind", "A deploy key works over SSH only (ssh:// or git@host:path)");
  if (v.credentialKind !== "token" && v.accessToken !== "")
    issue("accessToken", "Choose “Access token” to use a token");
}

/** The input's own name for a field where it differs from the form's (the API's git_url for gitUrl). */
export type FieldNames = Partial<Record<string, string>>;

const sourceBase = {
  gitUrl: z.string().trim(),
  credentialKind: z.enum(BUILD_CREDENTIAL_KINDS, { error: "Choose a credential" }),
  accessToken: z.string().max(MAX_TOKEN_LENGTH, `At most ${MAX_TOKEN_LENGTH} characters`).default(""),
};

/** The source form (Builds tab). */
export const buildSourceFormSchema = z.object({ ...repositoryPath, ...sourceBase }).superRefine(buildSourceIssues);
export type BuildSourceForm = z.output<typeof buildSourceFormSchema>;

export const buildSettingsRefSchema = z.object(repositoryPath);

export type BuildRuleInput = {
  sourceType: "branch" | "tag";
  sourceName: string;
  sourceRegex: boolean;
  tagTemplate: string;
  dockerfilePath: string;
  contextDir: string;
  buildArgs: BuildArg[];
  enabled: boolean;
};

const ARG_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** A rule's field errors, for both inputs; paths are the camelCase field names. */
export function buildRuleIssues(v: BuildRuleInput, ctx: z.RefinementCtx, names: FieldNames = {}): void {
  const issue = (field: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [names[field] ?? field], message });
  const argsField = "buildArgs";
  let sourceOk = true;
  if (v.sourceName.length === 0) {
    sourceOk = false;
    issue("sourceName", v.sourceRegex ? "Enter a regular expression" : `Enter the ${v.sourceType}'s name`);
  } else if (v.sourceRegex) {
    const error = patternError(v.sourceName);
    if (error) {
      sourceOk = false;
      issue("sourceName", error);
    }
  } else if (v.sourceName.length > 255 || !/^[^\s~^:?*[\\]+$/.test(v.sourceName) || v.sourceName.includes("..")) {
    sourceOk = false;
    issue("sourceName", "Not a valid Git branch or tag name (no spaces, .., ~ ^ : ? * [ or \\)");
  }
  // Capture-group references are only judged against a pattern that compiles.
  if (sourceOk) {
    const error = templateError(v.tagTemplate, v);
    if (error) issue("tagTemplate", error);
  } else if (v.tagTemplate.length === 0) issue("tagTemplate", "Enter a tag template, e.g. {branch} or {tag}");
  const dockerfile = normalizeRepoPath(v.dockerfilePath, "file");
  if (!dockerfile.ok) issue("dockerfilePath", dockerfile.error);
  const context = normalizeRepoPath(v.contextDir, "dir");
  if (!context.ok) issue("contextDir", context.error);
  if (v.buildArgs.length > MAX_BUILD_ARGS) issue(argsField, `At most ${MAX_BUILD_ARGS} build arguments`);
  const keys = new Set<string>();
  for (const { key, value } of v.buildArgs) {
    if (!ARG_KEY.test(key)) issue(argsField, `"${key.slice(0, 40)}" is not a build argument name (letters, digits, _)`);
    else if (keys.has(key)) issue(argsField, `${key} is given twice`);
    if (value.length > 4000) issue(argsField, `The value of ${key.slice(0, 40)} is longer than 4,000 characters`);
    keys.add(key);
  }
}

/** The rule as stored: paths normalised (./docker//Dockerfile → docker/Dockerfile). */
export function normalizeRule(v: BuildRuleInput): BuildRuleInput {
  const dockerfile = normalizeRepoPath(v.dockerfilePath, "file");
  const context = normalizeRepoPath(v.contextDir, "dir");
  return {
    ...v,
    dockerfilePath: dockerfile.ok ? dockerfile.path : v.dockerfilePath,
    contextDir: context.ok ? context.path : v.contextDir,
  };
}

/** "KEY=value" lines → arguments; a line without "=" is kept as a key with an empty value and refused by name. */
export function parseBuildArgLines(text: string): BuildArg[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const at = line.indexOf("=");
      return at < 0 ? { key: line, value: "" } : { key: line.slice(0, at).trim(), value: line.slice(at + 1) };
    });
}

const ruleFormBase = z.object({
  ...repositoryPath,
  sourceType: z.enum(["branch", "tag"], { error: "Choose branch or tag" }),
  sourceName: z.string().trim().max(1000, "At most 1,000 characters"),
  sourceRegex: checkbox,
  tagTemplate: z.string().trim().max(1000, "At most 1,000 characters"),
  dockerfilePath: z.string().trim().max(1000, "At most 1,000 characters"),
  contextDir: z.string().trim().max(1000, "At most 1,000 characters"),
  buildArgs: z.string().max(100_000, "At most 100,000 characters").default(""),
  enabled: checkbox,
});

function ruleFromForm(v: z.output<typeof ruleFormBase>): BuildRuleInput {
  return {
    sourceType: v.sourceType,
    sourceName: v.sourceName,
    sourceRegex: v.sourceRegex,
    tagTemplate: v.tagTemplate,
    dockerfilePath: v.dockerfilePath,
    contextDir: v.contextDir,
    buildArgs: parseBuildArgLines(v.buildArgs),
    enabled: v.enabled,
  };
}

/** The add-rule form. */
export const createBuildRuleFormSchema = ruleFormBase
  .superRefine((v, ctx) => buildRuleIssues(ruleFromForm(v), ctx))
  .transform((v) => ({ namespace: v.namespace, name: v.name, rule: normalizeRule(ruleFromForm(v)) }));

/** The edit-rule form. */
export const updateBuildRuleFormSchema = ruleFormBase
  .extend({ ruleId: z.uuid("Not a rule") })
  .superRefine((v, ctx) => buildRuleIssues(ruleFromForm(v), ctx))
  .transform((v) => ({ namespace: v.namespace, name: v.name, ruleId: v.ruleId, rule: normalizeRule(ruleFromForm(v)) }));

export const deleteBuildRuleSchema = z.object({
  ...repositoryPath,
  ruleId: z.uuid("Not a rule"),
  confirm: z.literal("on", { error: "Confirm the deletion first" }),
});

export const generateDeployKeySchema = z.object(repositoryPath);
export const rotateWebhookSecretSchema = z.object(repositoryPath);
