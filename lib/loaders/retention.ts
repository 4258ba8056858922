import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/session";
import { retentionManagerFor } from "@/lib/authz/retention";
import type { OwnedNamespace } from "@/lib/authz/rules/namespace-owner";
import {
  getRetentionPolicy,
  getRetentionRun,
  listRetentionRuns,
  untaggedListable,
  type RetentionPolicyView,
  type RetentionRunDetail,
  type RetentionRunRow,
} from "@/lib/data/retention";
import type { CurrentUser } from "@/lib/data/sessions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { pageCount } from "@/lib/validations/pagination";

/*
 * Loaders for a namespace's tag retention pages (/orgs/[org]/settings/retention and
 * /settings/retention, with their run pages): the viewer must manage the namespace's retention
 * (lib/authz/retention.ts); anyone else gets the same 404 as for a namespace that does not exist.
 * Once per render pass (React cache), fresh after an action (see lib/loaders/organization.ts).
 */
const managed = cache(async (namespace: string, returnTo: string) => {
  const user = await requireUser(returnTo);
  try {
    return { user, namespace: await retentionManagerFor(user, namespace) };
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof ForbiddenError) notFound();
    throw err;
  }
});

export const RUNS_PAGE_SIZE = 20;

export type RetentionPageData = {
  user: CurrentUser;
  namespace: OwnedNamespace;
  policy: RetentionPolicyView;
  runs: RetentionRunRow[];
  page: number;
  pages: number;
  untaggedListable: boolean;
};

/** The retention page: policy, one page of runs (`?page=`, past the last reads as the last). */
export async function loadRetentionPage(namespace: string, returnTo: string, page: number): Promise<RetentionPageData> {
  const { user, namespace: ns } = await managed(namespace, returnTo);
  const [policy, first] = await Promise.all([
    getRetentionPolicy(ns.id),
    listRetentionRuns(ns.id, page, RUNS_PAGE_SIZE),
  ]);
  const pages = pageCount(first.total, RUNS_PAGE_SIZE);
  const runs = page > pages ? (await listRetentionRuns(ns.id, pages, RUNS_PAGE_SIZE)).items : first.items;
  return {
    user,
    namespace: ns,
    policy,
    runs,
    page: Math.min(page, pages),
    pages,
    untaggedListable: untaggedListable(),
  };
}

/** One run's record; 404 for a run of another namespace or none. */
export async function loadRetentionRun(
  namespace: string,
  runId: string,
  returnTo: string,
): Promise<{ namespace: OwnedNamespace; run: RetentionRunDetail }> {
  const { namespace: ns } = await managed(namespace, returnTo);
  const run = /^[0-9a-f-]{36}$/i.test(runId) ? await getRetentionRun(ns.id, runId) : null;
  if (!run) notFound();
  return { namespace: ns, run };
}

/** `?page=` as a page number: anything else is page 1. */
export function pageParam(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
