import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { describeImmutableRule, immutableRuleFor } from "@/lib/authz/rules/immutable-tags";
import { getImmutableRules } from "@/lib/data/immutable-tag-rules";
import { loadRetentionRepositories } from "@/lib/data/retention";
import { getDeletionImpacts } from "@/lib/data/storage";
import { evaluateRetention, type RepositoryVerdict } from "@/lib/retention/evaluate";
import type { RetentionRule } from "@/lib/retention/rules";

export type RepositoryPlan = RepositoryVerdict & { repositoryId: string; bytesFreed: number; calculating: boolean };
/** `bytesFreed`: what all the deletions together free of the namespace's stored bytes (exact). */
export type RetentionPlan = { repositories: RepositoryPlan[]; untaggedListed: boolean; bytesFreed: number };

/**
 * What a run of `rules` would do in a namespace now: the facts loaded (lib/data/retention.ts),
 * the pure evaluation (lib/retention/evaluate.ts), and per repository what deleting its deleted
 * artifacts' tags frees of the namespace's unique storage, by the same figure the tag and
 * repository delete dialogs show (getDeletionImpacts: getDeletionImpact's namespaceBytes, all
 * repositories in one query). Untagged manifests count nothing there: the storage figures count
 * what tags reach. Each repository's figure is judged alone, as its delete dialog would, so a blob
 * that only two cleaned repositories share is in neither; the plan's own `bytesFreed` counts
 * every deletion together and includes it (the run's total). Reads only: a dry run is this and
 * its record.
 */
export async function planRetention(
  namespace: { id: string; name: string },
  rules: RetentionRule[],
  opts: { now: Date; storageDir?: string },
): Promise<RetentionPlan> {
  const [repositories, immutable, ids] = await Promise.all([
    loadRetentionRepositories(namespace.id, { storageDir: opts.storageDir, namespaceName: namespace.name }),
    getImmutableRules(namespace.id),
    getDb().execute<{ id: string; name: string }>(
      sql`select id, name from repositories where namespace_id = ${namespace.id}::uuid and status = 'active'`,
    ),
  ]);
  const idOf = new Map(ids.rows.map((r) => [r.name, r.id]));
  const verdicts = evaluateRetention({
    repositories,
    rules,
    immutable: (repo, tag) => {
      const rule = immutableRuleFor(immutable, repo, tag);
      return rule ? describeImmutableRule(rule) : null;
    },
    untaggedListed: Boolean(opts.storageDir),
    now: opts.now,
  });
  const judged = verdicts.flatMap((v) => {
    const repositoryId = idOf.get(v.repository);
    return repositoryId ? [{ ...v, repositoryId }] : [];
  });
  const plan = {
    repositories: judged.map((v) => ({ ...v, bytesFreed: 0, calculating: false })),
    untaggedListed: Boolean(opts.storageDir),
    bytesFreed: 0,
  };
  await measureRetentionPlan(namespace.id, plan);
  return plan;
}

/**
 * Fills in (again) what the plan's deletions free: each repository's own figure and the total.
 * Called again by a real run once tags pushed during the run have spared some artifacts.
 */
export async function measureRetentionPlan(namespaceId: string, plan: RetentionPlan): Promise<void> {
  const impact = await getDeletionImpacts(
    namespaceId,
    plan.repositories.map((r) => ({ repositoryId: r.repositoryId, tags: r.deleted.flatMap((d) => d.tags) })),
  );
  for (const r of plan.repositories) {
    r.bytesFreed = impact.get(r.repositoryId)?.namespaceBytes ?? 0;
    r.calculating = impact.get(r.repositoryId)?.calculating ?? false;
  }
  plan.bytesFreed = impact.namespaceTotal;
}
