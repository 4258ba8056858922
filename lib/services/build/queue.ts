import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { builds, buildSettings, type BuildRecipe, type BuildTrigger } from "@/db/schema";
import type { BuildRuleRow } from "@/lib/data/build-settings";
import { getSiteSetting } from "@/lib/data/site-settings";
import { ConflictError, ValidationError } from "@/lib/errors";
import { enqueueJobs } from "@/lib/services/job/enqueue";

export const BUILDS_DISABLED =
  "Builds are not enabled on this site. A site operator can turn them on in Admin → Site settings.";

/** Refuses (409) while the site operator has builds switched off. */
export async function assertBuildsEnabled(): Promise<void> {
  if (!(await getSiteSetting("builds.enabled"))) throw new ConflictError(BUILDS_DISABLED);
}

/** The repository's Git URL, read in the caller's transaction; a repository without a source cannot build (400). */
export async function buildSourceUrl(tx: Transaction, repositoryId: string): Promise<string> {
  const [source] = await tx
    .select({ gitUrl: buildSettings.gitUrl })
    .from(buildSettings)
    .where(eq(buildSettings.repositoryId, repositoryId));
  if (!source) throw new ValidationError("Save the build source (a Git URL) first.");
  return source.gitUrl;
}

/** The job queue that runs builds (lib/jobs/queues.ts). One attempt: a failed build is recorded, and retried by hand. */
export const BUILD_QUEUE = "build" as const;

export type QueueBuildInput = {
  repositoryId: string;
  ruleId: string | null;
  recipe: BuildRecipe;
  trigger: BuildTrigger;
  triggerSource?: string | null;
  retryOfId?: string | null;
  startedById: string | null;
  /** The branch or tag name (not a refs/… path). */
  ref: string;
  /** Known up front for webhook builds and retries; else resolved when the build starts. */
  commit?: string | null;
  imageTag?: string | null;
};

/**
 * Queues one build and its job in the caller's transaction (the outbox: a build exists exactly
 * when its job does). Its number is the repository's next, taken under the lock of the
 * repository's build settings row, so concurrent triggers never share one. The rule is copied
 * into the record (recipeOf): editing or deleting the rule later does not change a queued build.
 */
export async function queueBuild(tx: Transaction, input: QueueBuildInput): Promise<{ id: string; number: number }> {
  await tx
    .select({ id: buildSettings.repositoryId })
    .from(buildSettings)
    .where(eq(buildSettings.repositoryId, input.repositoryId))
    .for("update");
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${builds.number}), 0)::int + 1` })
    .from(builds)
    .where(eq(builds.repositoryId, input.repositoryId));
  const [row] = await tx
    .insert(builds)
    .values({
      repositoryId: input.repositoryId,
      number: next,
      ruleId: input.ruleId,
      trigger: input.trigger,
      triggerSource: input.triggerSource ?? null,
      retryOfId: input.retryOfId ?? null,
      startedById: input.startedById,
      ref: input.ref,
      commit: input.commit ?? null,
      imageTag: input.imageTag ?? null,
      recipe: input.recipe,
    })
    .returning({ id: builds.id, number: builds.number });
  await enqueueJobs(tx, [{ queue: BUILD_QUEUE, payload: { buildId: row!.id }, maxAttempts: 1 }]);
  return row!;
}

const RECIPE_KEYS = [
  "sourceType",
  "sourceName",
  "sourceRegex",
  "tagTemplate",
  "dockerfilePath",
  "contextDir",
  "buildArgs",
] as const satisfies ReadonlyArray<keyof BuildRecipe>;

/** The rule as a build's record keeps it. */
export function recipeOf(rule: BuildRuleRow, gitUrl: string): BuildRecipe {
  return { ...(Object.fromEntries(RECIPE_KEYS.map((k) => [k, rule[k]])) as Omit<BuildRecipe, "gitUrl">), gitUrl };
}
