import "server-only";
import { isFinishedBuild } from "@/db/schema/build-records";
import type { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginate } from "@/lib/api/pagination";
import { requireBuildAdmin } from "@/lib/authz/require-build-admin";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { buildQueuePosition, getBuild, listBuilds, readBuildLog, type BuildView } from "@/lib/data/builds";
import { NotFoundError } from "@/lib/errors";
import { cancelBuild } from "@/lib/services/build/cancel";
import { clearRepositoryBuildCache } from "@/lib/services/build/clear-cache";
import { retryBuild } from "@/lib/services/build/retry";
import { startBuild } from "@/lib/services/build/start";
import {
  buildListQuery,
  buildLogQuery,
  buildLogResource,
  buildPathParams,
  buildResource,
  cancelBuildResource,
  startBuildBody,
} from "@/lib/validations/api/build-records";
import { repositoryPathParams } from "@/lib/validations/api/repositories";

const WHO =
  "Admins of the repository (team Admin, organization owners, the namespace's owner, site operators); a member with Read or Write gets 403 FORBIDDEN, someone who cannot see the repository 404 NOT_FOUND.";

export function buildJson(b: BuildView, queuePosition: number | null = null): z.input<typeof buildResource> {
  const end = b.finishedAt ?? (b.startedAt ? new Date() : null);
  return {
    number: b.number,
    status: b.status,
    trigger: b.trigger,
    trigger_source: b.triggerSource,
    rule_id: b.ruleId,
    source_type: b.sourceType,
    ref: b.ref,
    commit: b.commit,
    image_tag: b.imageTag,
    digest: b.digest,
    error: b.error,
    started_by: b.startedBy,
    cancel_requested: b.cancelRequested,
    queue_position: queuePosition,
    dockerfile_path: b.dockerfilePath,
    log_bytes: b.logBytes,
    log_truncated: b.logTruncated,
    created_at: b.createdAt.toISOString(),
    started_at: b.startedAt?.toISOString() ?? null,
    finished_at: b.finishedAt?.toISOString() ?? null,
    duration_seconds: b.startedAt && end ? Math.round((end.getTime() - b.startedAt.getTime()) / 100) / 10 : null,
  };
}

async function adminBuild(actor: Actor, params: { namespace: string; name: string; number: number }) {
  const grant = await requireBuildAdmin(actor, params);
  const b = await getBuild(grant.repositoryId, params.number);
  if (!b) throw new NotFoundError(`There is no build #${params.number} of this repository.`);
  return b;
}

async function buildAnswer(actor: Actor, params: { namespace: string; name: string; number: number }) {
  const b = await adminBuild(actor, params);
  return buildJson(b, b.status === "queued" ? await buildQueuePosition(b.id) : null);
}

export const listBuildsEndpoint = endpoint({
  operationId: "listBuilds",
  method: "GET",
  path: "/repositories/{namespace}/{name}/builds",
  tag: "Builds",
  summary: "A repository's builds, newest first",
  description: WHO,
  scope: "read",
  params: repositoryPathParams,
  query: buildListQuery,
  status: 200,
  response: pageOf(buildResource),
  handler: async ({ params, query, actor, url }) => {
    const grant = await requireBuildAdmin(actor, params);
    const { total, items } = await listBuilds(grant.repositoryId, query.page, query.page_size);
    return paginate(
      url,
      query.page,
      query.page_size,
      total,
      items.map((b) => buildJson(b)),
    );
  },
});

export const startBuildEndpoint = endpoint({
  operationId: "startBuild",
  method: "POST",
  path: "/repositories/{namespace}/{name}/builds",
  tag: "Builds",
  summary: "Build now: queue a build of a rule, of its own branch or tag or of a named one",
  description: `A rule whose source is a pattern needs \`ref\`, which the pattern must match (400 on \`ref\`). Builds switched off by the site operator: 409 CONFLICT. ${WHO}`,
  scope: "write",
  params: repositoryPathParams,
  body: startBuildBody,
  status: 202,
  response: buildResource,
  handler: async ({ params, body, actor }) => {
    const { number } = await startBuild(actor, params, body);
    return buildAnswer(actor, { ...params, number });
  },
});

export const getBuildEndpoint = endpoint({
  operationId: "getBuild",
  method: "GET",
  path: "/repositories/{namespace}/{name}/builds/{number}",
  tag: "Builds",
  summary: "One build's record: status, ref, commit, image tag and digest, timings",
  description: WHO,
  scope: "read",
  params: buildPathParams,
  status: 200,
  response: buildResource,
  handler: async ({ params, actor }) => buildAnswer(actor, params),
});

export const getBuildLogEndpoint = endpoint({
  operationId: "getBuildLog",
  method: "GET",
  path: "/repositories/{namespace}/{name}/builds/{number}/log",
  tag: "Builds",
  summary: "A build's log, a slice at a time (up to about 1 MB): follow a running build by passing `next_after` back",
  description: `Pieces are UTF-8 text in order. While the build runs, \`complete\` is false and later calls return what was written since. ${WHO}`,
  scope: "read",
  params: buildPathParams,
  query: buildLogQuery,
  status: 200,
  response: buildLogResource,
  handler: async ({ params, query, actor }) => {
    const b = await adminBuild(actor, params);
    const finished = isFinishedBuild(b.status);
    const pieces = await readBuildLog(b.id, query.after);
    const last = pieces.at(-1)?.seq ?? query.after;
    // Finished, and nothing left after this slice.
    const complete = finished && (await readBuildLog(b.id, last, 1)).length === 0;
    return {
      pieces: pieces.map((p) => ({ seq: p.seq, text: p.data.toString("utf8") })),
      next_after: last,
      complete,
    };
  },
});

export const cancelBuildEndpoint = endpoint({
  operationId: "cancelBuild",
  method: "POST",
  path: "/repositories/{namespace}/{name}/builds/{number}/cancel",
  tag: "Builds",
  summary: "Cancel a queued or running build",
  description: `A finished build: 409 CONFLICT. ${WHO}`,
  scope: "write",
  params: buildPathParams,
  status: 202,
  response: cancelBuildResource,
  handler: async ({ params, actor }) => cancelBuild(actor, params, params.number),
});

export const retryBuildEndpoint = endpoint({
  operationId: "retryBuild",
  method: "POST",
  path: "/repositories/{namespace}/{name}/builds/{number}/retry",
  tag: "Builds",
  summary: "Build a finished build again: the same commit, ref and rule settings, as a new build",
  description: `A build still queued or running: 409 CONFLICT. ${WHO}`,
  scope: "write",
  params: buildPathParams,
  status: 202,
  response: buildResource,
  handler: async ({ params, actor }) => {
    const path = { namespace: params.namespace, name: params.name };
    const { number } = await retryBuild(actor, path, params.number);
    return buildAnswer(actor, { ...path, number });
  },
});

export const clearBuildCacheEndpoint = endpoint({
  operationId: "clearBuildCache",
  method: "DELETE",
  path: "/repositories/{namespace}/{name}/build-cache",
  tag: "Builds",
  summary: "Clear the repository's layer cache: the next build starts without cached layers",
  description: `While a build of the repository runs: 409 CONFLICT. ${WHO}`,
  scope: "write",
  params: repositoryPathParams,
  status: 204,
  response: null,
  handler: async ({ params, actor }) => {
    await clearRepositoryBuildCache(actor, params);
  },
});

export const buildRecordEndpoints = [
  listBuildsEndpoint,
  startBuildEndpoint,
  getBuildEndpoint,
  getBuildLogEndpoint,
  cancelBuildEndpoint,
  retryBuildEndpoint,
  clearBuildCacheEndpoint,
];
