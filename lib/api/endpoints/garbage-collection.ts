import "server-only";
import type { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginate } from "@/lib/api/pagination";
import { requireGcReader } from "@/lib/authz/garbage-collection";
import { getGcRun, listGcRuns, type GcRunView } from "@/lib/data/registry-gc";
import { NotFoundError } from "@/lib/errors";
import { requestGarbageCollection } from "@/lib/services/registry-gc/request";
import { gcRunDetail, gcRunListQuery, gcRunParams, gcRunResource } from "@/lib/validations/api/garbage-collection";

const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.round((to.getTime() - from.getTime()) / 100) / 10 : null;

export function gcRunJson(r: GcRunView): z.input<typeof gcRunResource> {
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    requested_by: r.requestedBy,
    created_at: r.createdAt.toISOString(),
    started_at: r.startedAt?.toISOString() ?? null,
    finished_at: r.finishedAt?.toISOString() ?? null,
    duration_seconds: seconds(r.startedAt, r.finishedAt),
    read_only_seconds: seconds(r.readOnlySince, r.readOnlyUntil),
    predicted_bytes: r.predictedBytes,
    bytes_before: r.bytesBefore,
    bytes_after: r.bytesAfter,
    bytes_freed: r.bytesBefore !== null && r.bytesAfter !== null ? r.bytesBefore - r.bytesAfter : null,
    blobs_removed: r.blobsRemoved,
    error: r.error,
  };
}

const WHO = "Site operators only (403 FORBIDDEN for anyone else).";

export const startGcEndpoint = endpoint({
  operationId: "startGarbageCollection",
  method: "POST",
  path: "/admin/garbage-collection",
  tag: "Garbage collection",
  summary: "Reclaim the disk space of deleted images, without stopping pulls",
  description: `Queues a run; the console runs it within a second: pushes get 503 with Retry-After while it sweeps, pulls keep working. A run already queued or running is a 409 GC_ALREADY_RUNNING; a console using an external registry (REGISTRY_URL) cannot run it: 409 GC_NOT_MANAGED. ${WHO}`,
  scope: "write",
  status: 202,
  response: gcRunResource,
  handler: async ({ actor }) => {
    const { id } = await requestGarbageCollection(actor);
    const run = await getGcRun(id);
    if (!run) throw new NotFoundError("No such run");
    return gcRunJson(run);
  },
});

export const listGcRunsEndpoint = endpoint({
  operationId: "listGarbageCollections",
  method: "GET",
  path: "/admin/garbage-collection",
  tag: "Garbage collection",
  summary: "Garbage-collection runs, newest first",
  description: WHO,
  scope: "read",
  query: gcRunListQuery,
  status: 200,
  response: pageOf(gcRunResource),
  handler: async ({ actor, query, url }) => {
    requireGcReader(actor);
    const { total, runs } = await listGcRuns(query.page, query.page_size);
    return paginate(url, query.page, query.page_size, total, runs.map(gcRunJson));
  },
});

export const getGcRunEndpoint = endpoint({
  operationId: "getGarbageCollection",
  method: "GET",
  path: "/admin/garbage-collection/{id}",
  tag: "Garbage collection",
  summary: "One run, with its log",
  description: WHO,
  scope: "read",
  params: gcRunParams,
  status: 200,
  response: gcRunDetail,
  handler: async ({ actor, params }) => {
    requireGcReader(actor);
    const run = await getGcRun(params.id);
    if (!run) throw new NotFoundError("No such garbage-collection run");
    return { ...gcRunJson(run), log: run.log };
  },
});

export const garbageCollectionEndpoints = [startGcEndpoint, listGcRunsEndpoint, getGcRunEndpoint];
