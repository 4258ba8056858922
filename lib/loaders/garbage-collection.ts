import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/session";
import { managesRegistry } from "@/lib/authz/garbage-collection";
import { gcReadRefusal } from "@/lib/authz/rules/garbage-collection";
import { getGcRun, listGcRuns, type GcRunView } from "@/lib/data/registry-gc";
import { getSiteSetting } from "@/lib/data/site-settings";
import { getSiteStorage } from "@/lib/data/storage";

export const GC_PAGE = "/admin/storage/garbage-collection";
export const GC_PAGE_SIZE = 20;

/**
 * The signed-in operator, else the 404 page (the admin pages do not admit they exist). The
 * section's layout calls it before loading.tsx streams, so the 404 is a real one.
 */
export const requireGcOperator = cache(async (next: string) => {
  const user = await requireUser(next);
  if (gcReadRefusal(user)) notFound();
  return user;
});

/** The garbage-collection page: one page of runs, the schedule, what is reclaimable, who runs the registry. */
export const loadGcOverview = cache(async (page: number) => {
  await requireGcOperator(GC_PAGE);
  const [{ total, runs }, schedule, storage] = await Promise.all([
    listGcRuns(page, GC_PAGE_SIZE),
    getSiteSetting("registry.gc_schedule"),
    getSiteStorage(),
  ]);
  return { total, runs, schedule, storage, managed: managesRegistry() };
});

/** One run, or the 404 page (an id that is not a uuid included). */
export const loadGcRun = cache(async (id: string): Promise<GcRunView> => {
  await requireGcOperator(`${GC_PAGE}/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const run = await getGcRun(id);
  if (!run) notFound();
  return run;
});
