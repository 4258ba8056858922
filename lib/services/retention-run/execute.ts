import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, transaction } from "@/db";
import { namespaces, retentionRunRepositories, retentionRuns } from "@/db/schema";
import { measureRetentionPlan, planRetention, type RepositoryPlan } from "@/lib/data/retention-plan";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { getRegistryClient } from "@/lib/registry";
import { deleteManifests } from "@/lib/services/repository/delete-manifests";
import { rollUpStorage } from "@/lib/services/storage/roll-up";

/**
 * Carries out one queued retention run (the "retention-run" job, lib/jobs/queues.ts): plans it
 * (lib/data/retention-plan.ts), and unless it is a dry run deletes what the plan deletes through
 * the same path as a user's tag deletion (deleteManifests: registry DELETE by digest, the index,
 * `tag_deleted` webhooks, an audit entry naming the run), acting as the namespace. Then records
 * per repository what was kept and deleted, and the bytes. A repository that fails (registry
 * down) is recorded with its error and the run goes on; the run is then "failed".
 */
export async function executeRetentionRun(runId: string): Promise<void> {
  // Queued → running exactly once; a run found running was interrupted (its process died).
  const [run] = await getDb()
    .update(retentionRuns)
    .set({ status: "running", startedAt: new Date() })
    .where(sql`${retentionRuns.id} = ${runId} and ${retentionRuns.status} = 'queued'`)
    .returning();
  if (!run) {
    await getDb()
      .update(retentionRuns)
      .set({ status: "failed", error: "The run was interrupted (its console stopped).", finishedAt: new Date() })
      .where(sql`${retentionRuns.id} = ${runId} and ${retentionRuns.status} = 'running'`);
    return;
  }
  try {
    const [ns] = await getDb()
      .select({ id: namespaces.id, name: namespaces.name })
      .from(namespaces)
      .where(eq(namespaces.id, run.namespaceId));
    if (!ns) return;
    // Pending storage changes first, so the bytes freed are counted from current figures.
    for (let i = 0; i < 20; i++) {
      const applied = await rollUpStorage();
      if (applied === 0) break;
      if (applied === null) await new Promise((r) => setTimeout(r, 100));
    }
    const storageDir = getEnv().FRONT_DOOR_STORAGE_DIR;
    const plan = await planRetention(ns, run.rules, { now: new Date(), storageDir });
    const failed = new Map<string, string>();
    if (!run.dryRun) {
      // Tags pushed since the plan spare their artifacts; the bytes are then measured again, before
      // anything is deleted, so the record says what this run's deletions free.
      let spared = false;
      for (const repo of plan.repositories)
        if (repo.deleted.length > 0) spared = (await spareNewlyPushed(ns, repo)) || spared;
      if (spared) await measureRetentionPlan(ns.id, plan);
    }
    for (const repo of plan.repositories) {
      if (run.dryRun || repo.deleted.length === 0) continue;
      try {
        await deleteRepositoryArtifacts(ns, repo, { runId, actorId: run.triggeredById });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        logger.warn("retention run could not delete", { run: runId, repository: repo.repository, error: message });
        failed.set(repo.repository, message);
      }
    }
    const errors = [...failed.keys()];
    await transaction(async (tx) => {
      if (plan.repositories.length > 0)
        await tx.insert(retentionRunRepositories).values(
          plan.repositories.map((r) => {
            // A repository whose deletion failed records what it planned, with the error, and frees nothing.
            const error = failed.get(r.repository) ?? null;
            return {
              runId,
              repository: r.repository,
              retainedCount: r.retained.length,
              deletedCount: error ? 0 : r.deleted.length,
              bytesFreed: error ? 0 : r.bytesFreed,
              retainedArtifacts: r.retained,
              deletedArtifacts: r.deleted,
              untouchedUntagged: r.untouchedUntagged,
              error,
            };
          }),
        );
      const ok = plan.repositories.filter((r) => !failed.has(r.repository));
      await tx
        .update(retentionRuns)
        .set({
          status: errors.length > 0 ? "failed" : "succeeded",
          repositories: plan.repositories.length,
          retained: plan.repositories.reduce((n, r) => n + r.retained.length, 0),
          deleted: ok.reduce((n, r) => n + r.deleted.length, 0),
          // Every deletion together when all went through (a layer two cleaned repositories
          // shared included); else what the repositories that did delete free on their own.
          bytesFreed: errors.length === 0 ? plan.bytesFreed : ok.reduce((n, r) => n + r.bytesFreed, 0),
          untaggedListed: plan.untaggedListed,
          error: errors.length > 0 ? `Could not delete in ${errors.join(", ")}; see each repository.` : null,
          finishedAt: new Date(),
        })
        .where(eq(retentionRuns.id, runId));
    });
  } catch (err) {
    await getDb()
      .update(retentionRuns)
      .set({ status: "failed", error: err instanceof Error ? err.message : String(err), finishedAt: new Date() })
      .where(eq(retentionRuns.id, runId));
    throw err;
  }
}

/**
 * As a user's deletion does (delete-tags.ts), asks the registry which tags exist: a tag the index
 * has not heard of yet (pushed moments ago) that points at a planned digest keeps that digest, so
 * the run never takes a tag it did not judge. True when it spared something.
 */
async function spareNewlyPushed(ns: { name: string }, repo: RepositoryPlan): Promise<boolean> {
  const path = `${ns.name}/${repo.repository}`;
  const client = getRegistryClient();
  const judged = new Set([...repo.retained, ...repo.deleted].flatMap((a) => a.tags));
  const before = repo.deleted.length;
  for (const tag of await client.allTags(path)) {
    if (judged.has(tag)) continue;
    const head = await client.headManifest(path, tag);
    const spared = head ? repo.deleted.find((d) => d.digest === head.digest) : undefined;
    if (!spared) continue;
    repo.deleted = repo.deleted.filter((d) => d.digest !== spared.digest);
    repo.retained.push({
      digest: spared.digest,
      tags: [...spared.tags, tag],
      reasons: [`tag ${tag} was pushed during the run`],
    });
  }
  return repo.deleted.length < before;
}

/** Deletes one repository's planned artifacts, through the path of a user's tag deletion. */
async function deleteRepositoryArtifacts(
  ns: { id: string; name: string },
  repo: RepositoryPlan,
  run: { runId: string; actorId: string | null },
): Promise<void> {
  if (repo.deleted.length === 0) return;
  await deleteManifests({
    repository: { id: repo.repositoryId, namespaceId: ns.id, path: `${ns.name}/${repo.repository}` },
    digests: repo.deleted.map((d) => d.digest),
    tags: repo.deleted.flatMap((d) => d.tags),
    onBehalfOf: ns.name,
    audit: { actorId: run.actorId, ip: null, metadata: { retentionRun: run.runId, reason: "tag retention" } },
  });
}
