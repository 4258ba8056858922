import "server-only";
import { z } from "zod";
import { endpoint } from "@/lib/api/endpoint";
import { deletionImpactFor, namespaceStorageFor, siteStorageFor } from "@/lib/authz/storage";
import type { StorageFigures } from "@/lib/data/storage";
import type { NamespaceQuota } from "@/lib/data/storage-quota";
import { setNamespaceQuota } from "@/lib/services/storage/set-namespace-quota";
import { namespaceParam, repositoryPathParams } from "@/lib/validations/api/repositories";
import {
  deletionImpactQuery,
  deletionImpactResource,
  namespaceQuotaBody,
  namespaceStorageResource,
  siteStorageResource,
  storageResource,
} from "@/lib/validations/api/storage";

/** Figures as the API shows them: bytes only once final, so a client never stores a partial sum. */
export function storageJson(s: StorageFigures): z.input<typeof storageResource> {
  return {
    unique_bytes: s.calculating ? null : s.uniqueBytes,
    tagged_bytes: s.calculating ? null : s.taggedBytes,
    pending_tags: s.pendingTags,
    calculating: s.calculating,
  };
}

function quotaJson(q: NamespaceQuota) {
  return {
    quota_bytes: q.bytes,
    quota: q.override.override ? (q.override.bytes ?? ("unlimited" as const)) : ("site_default" as const),
  };
}

export const getNamespaceStorageEndpoint = endpoint({
  operationId: "getNamespaceStorage",
  method: "GET",
  path: "/namespaces/{namespace}/storage",
  tag: "Storage",
  summary: "A namespace's storage: distinct bytes across its repositories, and the sum over tags",
  description:
    "A layer shared by two repositories counts once. Readable by the owner of a personal namespace, the owners of an organization and site operators; a plain member of the organization gets 403 FORBIDDEN, anyone else 404 NOT_FOUND.",
  scope: "read",
  params: z.object({ namespace: namespaceParam }),
  status: 200,
  response: namespaceStorageResource,
  handler: async ({ params, actor }) => {
    const { namespace, storage, quota } = await namespaceStorageFor(
      { id: actor.userId, isAdmin: actor.isAdmin },
      params.namespace,
    );
    return { namespace: namespace.name, kind: namespace.kind, ...storageJson(storage), ...quotaJson(quota) };
  },
});

export const setNamespaceQuotaEndpoint = endpoint({
  operationId: "setNamespaceStorageQuota",
  method: "PUT",
  path: "/namespaces/{namespace}/storage/quota",
  tag: "Storage",
  summary: "Set a namespace's own storage quota, overriding the site default (site operators)",
  description:
    "The door enforces it on the next push, on every console. Anyone but a site operator gets 403 FORBIDDEN; an unknown namespace 404 NOT_FOUND; a quota that is not `site_default`, `unlimited` or whole bytes from 1 MB to 1,000 TB a 400 on `quota`. Answers the namespace's storage as getNamespaceStorage does.",
  scope: "write",
  params: z.object({ namespace: namespaceParam }),
  body: namespaceQuotaBody,
  status: 200,
  response: namespaceStorageResource,
  handler: async ({ params, body, actor }) => {
    await setNamespaceQuota(actor, { namespace: params.namespace, quota: body.quota });
    const viewer = { id: actor.userId, isAdmin: actor.isAdmin };
    const { namespace, storage, quota } = await namespaceStorageFor(viewer, params.namespace);
    return { namespace: namespace.name, kind: namespace.kind, ...storageJson(storage), ...quotaJson(quota) };
  },
});

export const getSiteStorageEndpoint = endpoint({
  operationId: "getSiteStorage",
  method: "GET",
  path: "/storage",
  tag: "Storage",
  summary: "The registry's storage: distinct bytes overall, and what no tag reaches any more (site operators)",
  scope: "read",
  status: 200,
  response: siteStorageResource,
  handler: async ({ actor }) => {
    const site = await siteStorageFor({ id: actor.userId, isAdmin: actor.isAdmin });
    return {
      ...storageJson(site),
      described_bytes: site.describedBytes,
      reclaimable_bytes: site.calculating ? null : site.reclaimableBytes,
    };
  },
});

export const getDeletionImpactEndpoint = endpoint({
  operationId: "getDeletionImpact",
  method: "GET",
  path: "/repositories/{namespace}/{name}/storage/deletion",
  tag: "Storage",
  summary: "What deleting tags (or the whole repository) would free, before you delete (admins)",
  description:
    "`?tags=a,b` for tags, nothing for the whole repository. A layer another tag, repository or namespace still uses is not freed. Readable by those who may delete: the repository's admins.",
  scope: "read",
  params: repositoryPathParams,
  query: deletionImpactQuery,
  status: 200,
  response: deletionImpactResource,
  handler: async ({ params, query, actor }) => {
    const impact = await deletionImpactFor(actor, params, query.tags);
    return {
      repository_bytes: impact.repositoryBytes,
      namespace_bytes: impact.namespaceBytes,
      disk_bytes: impact.siteBytes,
      calculating: impact.calculating,
    };
  },
});

export const storageEndpoints = [
  getNamespaceStorageEndpoint,
  setNamespaceQuotaEndpoint,
  getSiteStorageEndpoint,
  getDeletionImpactEndpoint,
];
