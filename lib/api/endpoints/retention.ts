import "server-only";
import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginate } from "@/lib/api/pagination";
import { retentionManagerFor } from "@/lib/authz/retention";
import {
  getRetentionPolicy,
  getRetentionRun,
  listRetentionRuns,
  untaggedListable,
  type RetentionPolicyView,
  type RetentionRunRow,
} from "@/lib/data/retention";
import { InsufficientScopeError, NotFoundError } from "@/lib/errors";
import { updateRetentionPolicy } from "@/lib/services/retention-policy/update";
import { startRetentionRun } from "@/lib/services/retention-run/start";
import { namespaceParam } from "@/lib/validations/api/repositories";
import {
  retentionPolicyBody,
  retentionPolicyResource,
  retentionRunDetail,
  retentionRunListQuery,
  retentionRunPathParams,
  retentionRunResource,
  startRetentionRunBody,
} from "@/lib/validations/api/retention";

const WHO =
  "The owner of a personal namespace, the owners of an organization and site operators; a plain member of the organization gets 403 FORBIDDEN, anyone else 404 NOT_FOUND.";
const TAG = "Tag retention";

function policyJson(namespace: string, p: RetentionPolicyView): z.input<typeof retentionPolicyResource> {
  return {
    namespace,
    rules: p.rules.map((r) => ({
      id: r.id,
      repository_pattern: r.repositoryPattern,
      repository_mode: r.repositoryMode,
      tag_pattern: r.tagPattern,
      tag_mode: r.tagMode,
      include_untagged: r.includeUntagged,
      criterion: r.criterion,
      n: r.n,
    })),
    schedule: { kind: p.schedule.kind, cron: p.schedule.kind === "cron" ? p.schedule.cron : null },
    next_run_at: p.nextRunAt?.toISOString() ?? null,
    untagged_listable: untaggedListable(),
    updated_by: p.updatedBy,
    updated_at: p.updatedAt?.toISOString() ?? null,
  };
}

function runJson(namespace: string, r: RetentionRunRow): z.input<typeof retentionRunResource> {
  return {
    id: r.id,
    namespace,
    dry_run: r.dryRun,
    status: r.status,
    trigger: r.trigger,
    triggered_by: r.triggeredBy,
    repositories: r.repositories,
    retained: r.retained,
    deleted: r.deleted,
    bytes_freed: r.bytesFreed,
    untagged_listed: r.untaggedListed,
    error: r.error,
    created_at: r.createdAt.toISOString(),
    started_at: r.startedAt?.toISOString() ?? null,
    finished_at: r.finishedAt?.toISOString() ?? null,
  };
}

const manager = (actor: { userId: string; isAdmin: boolean }, namespace: string) =>
  retentionManagerFor({ id: actor.userId, isAdmin: actor.isAdmin }, namespace);

export const getRetentionPolicyEndpoint = endpoint({
  operationId: "getRetentionPolicy",
  method: "GET",
  path: "/namespaces/{namespace}/retention-policy",
  tag: TAG,
  summary: "A namespace's tag retention policy: its rules and schedule",
  description: WHO,
  scope: "read",
  params: z.object({ namespace: namespaceParam }),
  status: 200,
  response: retentionPolicyResource,
  handler: async ({ params, actor }) => {
    const ns = await manager(actor, params.namespace);
    return policyJson(ns.name, await getRetentionPolicy(ns.id));
  },
});

export const replaceRetentionPolicyEndpoint = endpoint({
  operationId: "replaceRetentionPolicy",
  method: "PUT",
  path: "/namespaces/{namespace}/retention-policy",
  tag: TAG,
  summary: "Replace a namespace's tag retention policy (up to 15 rules, combined with OR, and a schedule)",
  description: `In a repository some rule selects, every artifact (manifest) no rule keeps is deleted with all its tags; an artifact with an immutable tag is always kept. A pattern that does not compile, N below 1, a 16th rule or a cron expression that does not parse is a 400 naming the field (\`rules.2.tag_pattern\`, \`rules\`, \`schedule.cron\`), and nothing is saved. ${WHO}`,
  scope: "write",
  params: z.object({ namespace: namespaceParam }),
  body: retentionPolicyBody,
  status: 200,
  response: retentionPolicyResource,
  handler: async ({ params, body, actor }) => {
    await updateRetentionPolicy(actor, params.namespace, {
      kind: "replace",
      rules: body.rules,
      schedule: body.schedule,
    });
    const ns = await manager(actor, params.namespace);
    return policyJson(ns.name, await getRetentionPolicy(ns.id));
  },
});

export const startRetentionRunEndpoint = endpoint({
  operationId: "startRetentionRun",
  method: "POST",
  path: "/namespaces/{namespace}/retention-runs",
  tag: TAG,
  summary: "Run the policy now, by default as a dry run that only records what would be deleted",
  description: `The run is queued and carried out in the background; poll getRetentionRun. A real run (\`dry_run: false\`) deletes, so it needs a Read, Write & Delete token. One run at a time per namespace: 409 CONFLICT while another is queued or running. ${WHO}`,
  scope: "write",
  params: z.object({ namespace: namespaceParam }),
  body: startRetentionRunBody,
  status: 202,
  response: retentionRunResource,
  handler: async ({ params, body, actor, principal }) => {
    if (!body.dry_run && principal.token.scope !== "read_write_delete")
      throw new InsufficientScopeError("A real retention run deletes tags; it needs a Read, Write & Delete token.", {
        required: "read_write_delete",
        token: principal.token.scope,
      });
    const { id } = await startRetentionRun(actor, params.namespace, { dryRun: body.dry_run });
    const ns = await manager(actor, params.namespace);
    const run = await getRetentionRun(ns.id, id);
    if (!run) throw new NotFoundError("No such run");
    return runJson(ns.name, run);
  },
});

export const listRetentionRunsEndpoint = endpoint({
  operationId: "listRetentionRuns",
  method: "GET",
  path: "/namespaces/{namespace}/retention-runs",
  tag: TAG,
  summary: "A namespace's retention runs, newest first",
  description: WHO,
  scope: "read",
  params: z.object({ namespace: namespaceParam }),
  query: retentionRunListQuery,
  status: 200,
  response: pageOf(retentionRunResource),
  handler: async ({ params, query, actor, url }) => {
    const ns = await manager(actor, params.namespace);
    const { items, total } = await listRetentionRuns(ns.id, query.page, query.page_size);
    return paginate(
      url,
      query.page,
      query.page_size,
      total,
      items.map((r) => runJson(ns.name, r)),
    );
  },
});

export const getRetentionRunEndpoint = endpoint({
  operationId: "getRetentionRun",
  method: "GET",
  path: "/namespaces/{namespace}/retention-runs/{id}",
  tag: TAG,
  summary: "One retention run: per repository what was kept (and why) and deleted, and the bytes freed",
  description: WHO,
  scope: "read",
  params: retentionRunPathParams,
  status: 200,
  response: retentionRunDetail,
  handler: async ({ params, actor }) => {
    const ns = await manager(actor, params.namespace);
    const run = await getRetentionRun(ns.id, params.id);
    if (!run) throw new NotFoundError("No such run");
    return {
      ...runJson(ns.name, run),
      results: run.results.map((r) => ({
        repository: r.repository,
        retained_count: r.retainedCount,
        deleted_count: r.deletedCount,
        bytes_freed: r.bytesFreed,
        untouched_untagged: r.untouchedUntagged,
        error: r.error,
        retained: r.retainedArtifacts,
        deleted: r.deletedArtifacts,
      })),
    };
  },
});

export const retentionEndpoints = [
  getRetentionPolicyEndpoint,
  replaceRetentionPolicyEndpoint,
  startRetentionRunEndpoint,
  listRetentionRunsEndpoint,
  getRetentionRunEndpoint,
];
