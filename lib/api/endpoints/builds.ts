import "server-only";
import type { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { getBuildSource, listBuildRules, type BuildRuleRow } from "@/lib/data/build-settings";
import { getSiteSetting } from "@/lib/data/site-settings";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createBuildRule } from "@/lib/services/build-settings/create-rule";
import { deleteBuildRule } from "@/lib/services/build-settings/delete-rule";
import { generateBuildDeployKey } from "@/lib/services/build-settings/generate-deploy-key";
import { rotateBuildWebhookSecret } from "@/lib/services/build-settings/rotate-webhook-secret";
import { saveBuildSource } from "@/lib/services/build-settings/save-source";
import { updateBuildRule } from "@/lib/services/build-settings/update-rule";
import {
  buildRuleBody,
  buildRuleList,
  buildRulePathParams,
  buildRuleResource,
  buildSettingsResource,
  deployKeyResource,
  savedBuildSettingsResource,
  updateBuildRuleBody,
  updateBuildSettingsBody,
  webhookSecretResource,
} from "@/lib/validations/api/builds";
import { repositoryPathParams } from "@/lib/validations/api/repositories";

type RepositoryPath = { namespace: string; name: string };

const WHO =
  "Admins of the repository (team Admin, organization owners, the namespace's owner, site operators); a member with Read or Write gets 403 FORBIDDEN, someone who cannot see the repository 404 NOT_FOUND.";

// The services name fields as the forms do; the API's bodies use snake_case.
const API_NAMES: Record<string, string> = {
  gitUrl: "git_url",
  credentialKind: "credential_kind",
  accessToken: "access_token",
  sourceName: "source_name",
};

async function withApiFieldNames<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const out: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(err.fieldErrors)) if (v) out[API_NAMES[k] ?? k] = v;
    throw new ValidationError(err.message, out);
  }
}

async function settingsJson(actor: Actor, path: RepositoryPath): Promise<z.input<typeof buildSettingsResource>> {
  const grant = await requireBuildAdmin(actor, path);
  const source = await getBuildSource(grant.repositoryId);
  return {
    configured: source !== null,
    git_url: source?.gitUrl ?? null,
    credential_kind: source?.credentialKind ?? "none",
    deploy_public_key: source?.deployPublicKey ?? null,
    builds_enabled: await getSiteSetting("builds.enabled"),
    updated_at: source?.updatedAt.toISOString() ?? null,
  };
}

function ruleJson(r: BuildRuleRow): z.input<typeof buildRuleResource> {
  return {
    id: r.id,
    source_type: r.sourceType,
    source_name: r.sourceName,
    source_regex: r.sourceRegex,
    tag_template: r.tagTemplate,
    dockerfile_path: r.dockerfilePath,
    context_dir: r.contextDir,
    build_args: r.buildArgs,
    enabled: r.enabled,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

async function adminRules(actor: Actor, path: RepositoryPath): Promise<BuildRuleRow[]> {
  const grant = await requireBuildAdmin(actor, path);
  return listBuildRules(grant.repositoryId);
}

async function adminRule(actor: Actor, path: RepositoryPath, id: string): Promise<BuildRuleRow> {
  const rule = (await adminRules(actor, path)).find((r) => r.id === id);
  if (!rule) throw new NotFoundError("That build rule does not exist.");
  return rule;
}

export const getBuildSettingsEndpoint = endpoint({
  operationId: "getBuildSettings",
  method: "GET",
  path: "/repositories/{namespace}/{name}/build-settings",
  tag: "Builds",
  summary: "A repository's build source: Git URL and credential kind (the credential itself is never shown)",
  description: WHO,
  scope: "read",
  params: repositoryPathParams,
  status: 200,
  response: buildSettingsResource,
  handler: async ({ params, actor }) => settingsJson(actor, params),
});

export const updateBuildSettingsEndpoint = endpoint({
  operationId: "updateBuildSettings",
  method: "PUT",
  path: "/repositories/{namespace}/{name}/build-settings",
  tag: "Builds",
  summary: "Set the build source: a Git URL over HTTPS or SSH and its credential",
  description: `A token needs an https:// URL, a deploy key an SSH one (400 on \`credential_kind\`). A host on a loopback, private, link-local or reserved address is a 400 on \`git_url\` unless the site operator allows private Git hosts. The first save generates the build webhook's secret, returned once. ${WHO}`,
  scope: "write",
  params: repositoryPathParams,
  body: updateBuildSettingsBody,
  status: 200,
  response: savedBuildSettingsResource,
  handler: async ({ params, body, actor }) => {
    const saved = await withApiFieldNames(() => saveBuildSource(actor, params, body));
    return { ...(await settingsJson(actor, params)), webhook_secret: saved.webhookSecret };
  },
});

export const generateBuildDeployKeyEndpoint = endpoint({
  operationId: "generateBuildDeployKey",
  method: "POST",
  path: "/repositories/{namespace}/{name}/build-settings/deploy-key",
  tag: "Builds",
  summary:
    "Generate a new ed25519 deploy key for an SSH source, replacing the credential; the answer holds its public key",
  description: `409 CONFLICT before a source is saved or for an https:// source. ${WHO}`,
  scope: "write",
  params: repositoryPathParams,
  status: 201,
  response: deployKeyResource,
  handler: async ({ params, actor }) => ({ public_key: (await generateBuildDeployKey(actor, params)).publicKey }),
});

export const rotateBuildWebhookSecretEndpoint = endpoint({
  operationId: "rotateBuildWebhookSecret",
  method: "POST",
  path: "/repositories/{namespace}/{name}/build-settings/webhook-secret",
  tag: "Builds",
  summary:
    "Replace the build webhook's secret (POST /api/build-hooks/{namespace}/{name}); the answer holds the new one, shown once",
  description: `Calls signed with the old secret are refused from now on. 409 CONFLICT before a source is saved. ${WHO}`,
  scope: "write",
  params: repositoryPathParams,
  status: 200,
  response: webhookSecretResource,
  handler: async ({ params, actor }) => ({
    webhook_secret: (await rotateBuildWebhookSecret(actor, params)).webhookSecret,
  }),
});

export const listBuildRulesEndpoint = endpoint({
  operationId: "listBuildRules",
  method: "GET",
  path: "/repositories/{namespace}/{name}/build-rules",
  tag: "Builds",
  summary: "A repository's build rules (at most 10), oldest first",
  description: WHO,
  scope: "read",
  params: repositoryPathParams,
  status: 200,
  response: buildRuleList,
  handler: async ({ params, actor }) => ({ items: (await adminRules(actor, params)).map(ruleJson) }),
});

export const createBuildRuleEndpoint = endpoint({
  operationId: "createBuildRule",
  method: "POST",
  path: "/repositories/{namespace}/{name}/build-rules",
  tag: "Builds",
  summary: "Add a build rule: a branch or tag (name or RE2 pattern) → an image tag template",
  description: `A template that renders an invalid tag (checked with the rule's own name, or branch "main" / tag "v1.0.0" for a pattern), a capture group the pattern lacks, a path leaving the repository, an invalid pattern: 400 naming the field. The 11th rule: 400 on \`source_name\`. ${WHO}`,
  scope: "write",
  params: repositoryPathParams,
  body: buildRuleBody,
  status: 201,
  response: buildRuleResource,
  handler: async ({ params, body, actor }) => {
    const { id } = await withApiFieldNames(() => createBuildRule(actor, params, body));
    return ruleJson(await adminRule(actor, params, id));
  },
});

export const updateBuildRuleEndpoint = endpoint({
  operationId: "updateBuildRule",
  method: "PATCH",
  path: "/repositories/{namespace}/{name}/build-rules/{id}",
  tag: "Builds",
  summary: "Change a build rule's fields or turn it on or off; the whole rule is checked again",
  description: WHO,
  scope: "write",
  params: buildRulePathParams,
  body: updateBuildRuleBody,
  status: 200,
  response: buildRuleResource,
  handler: async ({ params, body, actor }) => {
    const path = { namespace: params.namespace, name: params.name };
    const current = ruleJson(await adminRule(actor, path, params.id));
    const merged = buildRuleBody.safeParse({
      ...current,
      ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
    });
    if (!merged.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of merged.error.issues) (fieldErrors[issue.path.join(".") || "body"] ??= []).push(issue.message);
      throw new ValidationError("Invalid body", fieldErrors);
    }
    await updateBuildRule(actor, path, params.id, merged.data);
    return ruleJson(await adminRule(actor, path, params.id));
  },
});

export const deleteBuildRuleEndpoint = endpoint({
  operationId: "deleteBuildRule",
  method: "DELETE",
  path: "/repositories/{namespace}/{name}/build-rules/{id}",
  tag: "Builds",
  summary: "Delete a build rule",
  description: WHO,
  scope: "write",
  params: buildRulePathParams,
  status: 204,
  response: null,
  handler: async ({ params, actor }) => {
    await deleteBuildRule(actor, { namespace: params.namespace, name: params.name }, params.id);
  },
});

export const buildEndpoints = [
  getBuildSettingsEndpoint,
  updateBuildSettingsEndpoint,
  generateBuildDeployKeyEndpoint,
  rotateBuildWebhookSecretEndpoint,
  listBuildRulesEndpoint,
  createBuildRuleEndpoint,
  updateBuildRuleEndpoint,
  deleteBuildRuleEndpoint,
];
