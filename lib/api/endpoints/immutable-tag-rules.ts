import "server-only";
import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { immutableRulesManagerFor } from "@/lib/authz/immutable-tag-rules";
import { listImmutableTagRules, type ImmutableTagRuleRow } from "@/lib/data/immutable-tag-rules";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createImmutableTagRule } from "@/lib/services/immutable-tag-rule/create";
import { deleteImmutableTagRule } from "@/lib/services/immutable-tag-rule/delete";
import { namespaceParam } from "@/lib/validations/api/repositories";
import {
  createImmutableRuleBody,
  immutableRuleList,
  immutableRulePathParams,
  immutableRuleResource,
} from "@/lib/validations/api/immutable-tag-rules";
import { immutableTagRuleInputSchema } from "@/lib/validations/immutable-tag-rule";

function ruleJson(r: ImmutableTagRuleRow): z.input<typeof immutableRuleResource> {
  return {
    id: r.id,
    repository_pattern: r.repositoryPattern,
    tag_pattern: r.tagPattern,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
  };
}

const WHO =
  "The owner of a personal namespace, the owners of an organization and site operators; a plain member of the organization gets 403 FORBIDDEN, anyone else 404 NOT_FOUND.";

export const listImmutableRulesEndpoint = endpoint({
  operationId: "listImmutableTagRules",
  method: "GET",
  path: "/namespaces/{namespace}/immutable-tag-rules",
  tag: "Immutable tags",
  summary: "A namespace's immutable tag rules, oldest first",
  description: WHO,
  scope: "read",
  params: z.object({ namespace: namespaceParam }),
  status: 200,
  response: immutableRuleList,
  handler: async ({ params, actor }) => {
    const ns = await immutableRulesManagerFor({ id: actor.userId, isAdmin: actor.isAdmin }, params.namespace);
    return { items: (await listImmutableTagRules(ns.id)).map(ruleJson) };
  },
});

export const createImmutableRuleEndpoint = endpoint({
  operationId: "createImmutableTagRule",
  method: "POST",
  path: "/namespaces/{namespace}/immutable-tag-rules",
  tag: "Immutable tags",
  summary: "Make matching tags immutable: pushed once, never moved to another image nor deleted (at most 15 rules)",
  description: `A pattern that is not a valid doublestar glob (unbalanced \`{\` or \`[\`, empty) is a 400 on its field; the 16th rule a 400 on \`repository_pattern\`. ${WHO}`,
  scope: "write",
  params: z.object({ namespace: namespaceParam }),
  body: createImmutableRuleBody,
  status: 201,
  response: immutableRuleResource,
  handler: async ({ params, body, actor }) => {
    const parsed = immutableTagRuleInputSchema.safeParse({
      namespace: params.namespace,
      repositoryPattern: body.repository_pattern,
      tagPattern: body.tag_pattern,
    });
    if (!parsed.success) throw apiFieldErrors(z.flattenError(parsed.error).fieldErrors);
    let id: string;
    try {
      ({ id } = await createImmutableTagRule(actor, parsed.data));
    } catch (err) {
      if (err instanceof ValidationError) throw apiFieldErrors(err.fieldErrors, err.message);
      throw err;
    }
    const ns = await immutableRulesManagerFor({ id: actor.userId, isAdmin: actor.isAdmin }, params.namespace);
    const row = (await listImmutableTagRules(ns.id)).find((r) => r.id === id);
    if (!row) throw new NotFoundError("No such rule");
    return ruleJson(row);
  },
});

export const deleteImmutableRuleEndpoint = endpoint({
  operationId: "deleteImmutableTagRule",
  method: "DELETE",
  path: "/namespaces/{namespace}/immutable-tag-rules/{id}",
  tag: "Immutable tags",
  summary: "Delete an immutable tag rule; its tags can be moved and deleted again",
  description: WHO,
  scope: "write",
  params: immutableRulePathParams,
  status: 204,
  response: null,
  handler: async ({ params, actor }) => {
    await deleteImmutableTagRule(actor, { namespace: params.namespace, ruleId: params.id });
  },
});

/** The form's field names (repositoryPattern) as the API's body names them (repository_pattern). */
function apiFieldErrors(
  fields: Partial<Record<string, string[]>>,
  message = "Please correct the highlighted fields.",
): ValidationError {
  const names: Record<string, string> = { repositoryPattern: "repository_pattern", tagPattern: "tag_pattern" };
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(fields)) if (v) out[names[k] ?? k] = v;
  return new ValidationError(message, out);
}

export const immutableTagRuleEndpoints = [
  listImmutableRulesEndpoint,
  createImmutableRuleEndpoint,
  deleteImmutableRuleEndpoint,
];
