import "server-only";
import { endpoint } from "@/lib/api/endpoint";
import { pageOf, paginate } from "@/lib/api/pagination";
import { viewRepository } from "@/lib/authz/repository-viewer";
import { getRepositoryAccessContext, searchNamespaceRepositories, type RepositoryView } from "@/lib/data/repositories";
import { getTag, listTags, type TagListItem } from "@/lib/data/registry-index";
import { getRepositoryStorage } from "@/lib/data/storage";
import { storageJson } from "./storage";
import { getEnv } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { createRepository } from "@/lib/services/repository/create";
import { deleteRepository } from "@/lib/services/repository/delete";
import { deleteTags } from "@/lib/services/repository/delete-tags";
import { updateRepository } from "@/lib/services/repository/update";
import {
  createRepositoryBody,
  namespaceParam,
  repositoryDetailResource,
  repositoryListQuery,
  repositoryPathParams,
  repositoryResource,
  tagListQuery,
  tagPathParams,
  tagResource,
  updateRepositoryBody,
} from "@/lib/validations/api/repositories";
import { z } from "zod";
import type { Actor, RepositoryRole } from "@/lib/authz/rules/repository-permissions";
import { isoOrNull } from "@/lib/format";

async function repositoryJson(
  r: RepositoryView,
  role: RepositoryRole,
): Promise<z.input<typeof repositoryDetailResource>> {
  const full = `${r.namespace}/${r.name}`;
  return {
    namespace: r.namespace,
    name: r.name,
    full_name: full,
    visibility: r.visibility,
    description: r.description,
    overview: r.overview,
    star_count: r.starCount,
    pull_count: r.pullCount,
    last_pushed_at: isoOrNull(r.lastPushedAt),
    created_at: r.createdAt.toISOString(),
    role,
    pull_command: `docker pull ${getEnv().REGISTRY_PUBLIC_HOST}/${full}`,
    url: new URL(`/r/${full}`, getEnv().CONSOLE_URL).toString(),
    storage: storageJson(await getRepositoryStorage(r.id)),
  };
}

function tagJson(t: TagListItem): z.input<typeof tagResource> {
  return {
    name: t.name,
    digest: t.digest,
    media_type: t.mediaType,
    kind: t.kind,
    size: t.size,
    platforms:
      t.platforms?.map((p) => ({
        os: p.os,
        architecture: p.architecture,
        ...(p.variant ? { variant: p.variant } : {}),
        digest: p.digest,
        size: p.size,
      })) ?? null,
    pushed_at: t.pushedAt.toISOString(),
    pushed_by: t.pushedBy,
    last_pulled_at: isoOrNull(t.lastPulledAt),
    pull_count: t.pullCount,
  };
}

/** The repository as the actor may see it, or NotFound (private and missing look the same). */
async function visible(actor: Actor, p: { namespace: string; name: string }) {
  const view = await viewRepository(actor, p.namespace, p.name);
  if (!view) throw new NotFoundError("Repository not found");
  return view;
}

export const listRepositories = endpoint({
  operationId: "listRepositories",
  method: "GET",
  path: "/namespaces/{namespace}/repositories",
  tag: "Repositories",
  summary: "List a namespace's repositories that the token's user may see",
  scope: "read",
  params: z.object({ namespace: namespaceParam }),
  query: repositoryListQuery,
  status: 200,
  response: pageOf(repositoryResource),
  handler: async ({ params, query, actor, url }) => {
    const ctx = await getRepositoryAccessContext(params.namespace, "");
    if (!ctx.namespace) throw new NotFoundError("Namespace not found");
    const { items, total } = await searchNamespaceRepositories({
      namespaceId: ctx.namespace.id,
      viewerId: actor.userId,
      q: query.q,
      sort: query.sort,
      page: query.page,
      pageSize: query.page_size,
    });
    return paginate(
      url,
      query.page,
      query.page_size,
      total,
      items.map((r) => ({
        namespace: params.namespace,
        name: r.name,
        full_name: `${params.namespace}/${r.name}`,
        visibility: r.visibility,
        description: r.description,
        star_count: r.starCount,
        pull_count: r.pullCount,
        last_pushed_at: isoOrNull(r.lastPushedAt),
        status: r.status ?? "active",
      })),
    );
  },
});

export const createRepositoryEndpoint = endpoint({
  operationId: "createRepository",
  method: "POST",
  path: "/namespaces/{namespace}/repositories",
  tag: "Repositories",
  summary: "Create an empty repository",
  description:
    "In your own namespace, or an organization you own. A private repository counts against the organization's quota.",
  scope: "write",
  params: z.object({ namespace: namespaceParam }),
  body: createRepositoryBody,
  status: 201,
  response: repositoryDetailResource,
  handler: async ({ params, body, actor }) => {
    const ctx = await getRepositoryAccessContext(params.namespace, body.name);
    if (!ctx.namespace) throw new NotFoundError("Namespace not found");
    await createRepository(actor, {
      namespace: params.namespace,
      name: body.name,
      description: body.description,
      visibility: body.visibility ?? ctx.namespace.defaultVisibility,
    });
    const view = await visible(actor, { namespace: params.namespace, name: body.name });
    return repositoryJson(view.repo, view.role);
  },
});

export const getRepositoryEndpoint = endpoint({
  operationId: "getRepository",
  method: "GET",
  path: "/repositories/{namespace}/{name}",
  tag: "Repositories",
  summary: "Get a repository",
  scope: "read",
  params: repositoryPathParams,
  status: 200,
  response: repositoryDetailResource,
  handler: async ({ params, actor }) => {
    const view = await visible(actor, params);
    return repositoryJson(view.repo, view.role);
  },
});

export const updateRepositoryEndpoint = endpoint({
  operationId: "updateRepository",
  method: "PATCH",
  path: "/repositories/{namespace}/{name}",
  tag: "Repositories",
  summary: "Change a repository's description, overview or visibility (admins)",
  scope: "write",
  params: repositoryPathParams,
  body: updateRepositoryBody,
  status: 200,
  response: repositoryDetailResource,
  handler: async ({ params, body, actor }) => {
    const before = await visible(actor, params);
    const details =
      body.description !== undefined || body.overview !== undefined
        ? { description: body.description ?? before.repo.description, overview: body.overview ?? before.repo.overview }
        : undefined;
    // One transaction: a refused visibility change leaves the description as it was.
    await updateRepository(actor, params, { details, visibility: body.visibility });
    const view = await visible(actor, params);
    return repositoryJson(view.repo, view.role);
  },
});

export const deleteRepositoryEndpoint = endpoint({
  operationId: "deleteRepository",
  method: "DELETE",
  path: "/repositories/{namespace}/{name}",
  tag: "Repositories",
  summary: "Delete a repository and every image in it, from the registry (admins)",
  description:
    "If the registry fails midway the repository stays in `deleting` and the console finishes in the background; calling again is safe.",
  scope: "delete",
  params: repositoryPathParams,
  status: 204,
  response: null,
  handler: async ({ params, actor }) => {
    await deleteRepository(actor, { ...params, confirmation: `${params.namespace}/${params.name}` });
  },
});

export const listTagsEndpoint = endpoint({
  operationId: "listTags",
  method: "GET",
  path: "/repositories/{namespace}/{name}/tags",
  tag: "Tags",
  summary: "List tags with digest, size, platforms and pulls (from the index, no registry request)",
  scope: "read",
  params: repositoryPathParams,
  query: tagListQuery,
  status: 200,
  response: pageOf(tagResource),
  handler: async ({ params, query, actor, url }) => {
    const view = await visible(actor, params);
    const { items, total } = await listTags({
      repositoryId: view.repo.id,
      q: query.q,
      sort: query.sort,
      page: query.page,
      pageSize: query.page_size,
    });
    return paginate(url, query.page, query.page_size, total, items.map(tagJson));
  },
});

export const getTagEndpoint = endpoint({
  operationId: "getTag",
  method: "GET",
  path: "/repositories/{namespace}/{name}/tags/{tag}",
  tag: "Tags",
  summary: "Get one tag",
  scope: "read",
  params: tagPathParams,
  status: 200,
  response: tagResource,
  handler: async ({ params, actor }) => {
    const view = await visible(actor, params);
    const tag = await getTag(view.repo.id, params.tag);
    if (!tag) throw new NotFoundError("Tag not found", { tag: params.tag });
    return tagJson(tag);
  },
});

export const deleteTagEndpoint = endpoint({
  operationId: "deleteTag",
  method: "DELETE",
  path: "/repositories/{namespace}/{name}/tags/{tag}",
  tag: "Tags",
  summary: "Delete a tag from the registry (admins)",
  description:
    "Refused with 400 when another tag points at the same image (the registry deletes by digest); deleting a tag that is already gone is a 404 NOT_FOUND.",
  scope: "delete",
  params: tagPathParams,
  status: 204,
  response: null,
  handler: async ({ params, actor }) => {
    await deleteTags(actor, { namespace: params.namespace, name: params.name, tags: [params.tag] });
  },
});

export const repositoryEndpoints = [
  listRepositories,
  createRepositoryEndpoint,
  getRepositoryEndpoint,
  updateRepositoryEndpoint,
  deleteRepositoryEndpoint,
  listTagsEndpoint,
  getTagEndpoint,
  deleteTagEndpoint,
];
