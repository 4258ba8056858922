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
export type RetentionPlan = { repositories: RepositoryPlan[]; untaggedListed: boolean };

/**
 * What a run of `rules` would do in a namespace now: the facts loaded (lib/data/retention.ts),
 * the pure evaluation (lib/retention/evaluate.ts), and per repository what deleting its deleted
 * artifacts' tags frees of the namespace's unique storage, by the same figure the tag and
 * repository delete dialogs show (getDeletionImpacts: getDeletionImpact's namespaceBytes, all repositories in one query). Untagged manifests count
 * nothing there: the storage figures count what tags reach. Repositories are judged one by one,
 * so a blob that only two cleaned repositories of the namespace share is not counted as freed
 * (each still sees the other holding it): the figure can only err low. Reads only: a dry run is
 * this and its record.
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
  const impact = await getDeletionImpacts(
    namespace.id,
    judged.map((v) => ({ repositoryId: v.repositoryId, tags: v.deleted.flatMap((d) => d.tags) })),
  );
  const out: RepositoryPlan[] = judged.map((v) => ({
    ...v,
    bytesFreed: impact.get(v.repositoryId)?.namespaceBytes ?? 0,
    calculating: impact.get(v.repositoryId)?.calculating ?? false,
  }));
  return { repositories: out, untaggedListed: Boolean(opts.storageDir) };
}
