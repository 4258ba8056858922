import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/session";
import { namespaceBuildsViewerFor } from "@/lib/authz/namespace-builds";
import type { OwnedNamespace } from "@/lib/authz/rules/namespace-owner";
import { getBuildSource, listBuildRules } from "@/lib/data/build-settings";
import {
  buildQueuePosition,
  getBuild,
  listBuilds,
  listNamespaceBuilds,
  type BuildView,
  type NamespaceBuildView,
} from "@/lib/data/builds";
import { getSiteSetting } from "@/lib/data/site-settings";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { pageCount } from "@/lib/validations/pagination";
import { loadRepositoryAsAdmin, type LoadedRepository } from "./repository";
import { isActiveBuild as activeStatus } from "@/db/schema/build-records";

/*
 * Loaders for the build pages: a repository's Builds tab and build records (its admins, the gate
 * of lib/loaders/repository.ts), and a namespace's recent builds (lib/authz/namespace-builds.ts).
 * Once per render pass (React cache), fresh after an action (see lib/loaders/repository.ts).
 */

export const BUILDS_PAGE_SIZE = 20;

export const isActiveBuild = (b: Pick<BuildView, "status">): boolean => activeStatus(b.status);

/** Place in the site's build queue of each queued build of a list (there are few at a time). */
async function queuePositions(items: BuildView[]): Promise<Record<string, number>> {
  const queued = items.filter((b) => b.status === "queued");
  const positions = await Promise.all(queued.map((b) => buildQueuePosition(b.id)));
  return Object.fromEntries(queued.flatMap((b, i) => (positions[i] ? [[b.id, positions[i]]] : [])));
}

/** One page of builds; past the last page reads as the last. */
async function pageOf<T>(
  list: (page: number) => Promise<{ total: number; items: T[] }>,
  page: number,
): Promise<{ items: T[]; page: number; pages: number; total: number }> {
  const first = await list(page);
  const pages = pageCount(first.total, BUILDS_PAGE_SIZE);
  const items = page > pages ? (await list(pages)).items : first.items;
  return { items, page: Math.min(page, pages), pages, total: first.total };
}

export type BuildsPageData = {
  view: LoadedRepository;
  builds: BuildView[];
  positions: Record<string, number>;
  page: number;
  pages: number;
  total: number;
  source: Awaited<ReturnType<typeof getBuildSource>>;
  rules: Awaited<ReturnType<typeof listBuildRules>>;
  enabled: boolean;
};

/** The Builds tab: one page of records (`?page=`), the source, the rules and whether builds are on. */
export const loadBuildsPage = cache(async (namespace: string, rawName: string, page: number) => {
  const view = await loadRepositoryAsAdmin(namespace, rawName, `/r/${namespace}/${rawName}/builds`);
  const id = view.repo.id;
  const [records, source, rules, enabled] = await Promise.all([
    pageOf((p) => listBuilds(id, p, BUILDS_PAGE_SIZE), page),
    getBuildSource(id),
    listBuildRules(id),
    getSiteSetting("builds.enabled"),
  ]);
  const data: BuildsPageData = {
    view,
    builds: records.items,
    positions: await queuePositions(records.items),
    page: records.page,
    pages: records.pages,
    total: records.total,
    source,
    rules,
    enabled,
  };
  return data;
});

/** One build's record by its number in the URL, with its queue place; 404 for none (or not a number). */
export const loadBuild = cache(async (namespace: string, rawName: string, rawNumber: string) => {
  const view = await loadRepositoryAsAdmin(namespace, rawName, `/r/${namespace}/${rawName}/builds/${rawNumber}`);
  const number = /^[1-9][0-9]{0,8}$/.test(rawNumber) ? Number(rawNumber) : null;
  const build = number === null ? null : await getBuild(view.repo.id, number);
  if (!build) notFound();
  const position = build.status === "queued" ? await buildQueuePosition(build.id) : null;
  return { view, build, position };
});

export type NamespaceBuildsData = {
  namespace: OwnedNamespace;
  builds: NamespaceBuildView[];
  positions: Record<string, number>;
  page: number;
  pages: number;
};

/** A namespace's recent builds across its repositories; 404 for a viewer who may not read them. */
export const loadNamespaceBuilds = cache(
  async (namespace: string, returnTo: string, page: number): Promise<NamespaceBuildsData> => {
    const user = await requireUser(returnTo);
    let ns: OwnedNamespace;
    try {
      ns = await namespaceBuildsViewerFor(user, namespace);
    } catch (err) {
      if (err instanceof NotFoundError || err instanceof ForbiddenError) notFound();
      throw err;
    }
    const records = await pageOf((p) => listNamespaceBuilds(ns.id, p, BUILDS_PAGE_SIZE), page);
    const positions = await queuePositions(records.items);
    return { namespace: ns, builds: records.items, positions, page: records.page, pages: records.pages };
  },
);
