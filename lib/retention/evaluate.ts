import {
  compileRetentionRules,
  describeCriterion,
  ruleSelectsRepository,
  ruleSelectsTags,
  type CompiledRetentionRule,
  type RetentionRule,
} from "./rules";

/**
 * Which artifacts a retention policy keeps and deletes: a PURE function of the namespace's
 * repositories (their manifests with tags and times), the rules, the immutable-tag matcher and the
 * time, so the rules are unit-tested here and the run (lib/services/retention-run/execute.ts) only
 * loads the facts and carries out the verdict. Harbor's semantics, per artifact (manifest digest):
 *
 * - A repository no rule's repository selector takes is left alone (not in the result).
 * - In a repository some rule takes, each such rule picks its candidates (artifacts its tag
 *   selector takes, see ruleSelectsTags) and keeps some by its criterion; rules combine with OR:
 *   an artifact kept by any rule is kept. The N-most-recent criteria count per repository. An
 *   artifact's push time is the latest push of any of its tags (an untagged one's: when its
 *   revision was written), its pull time the latest pull of any tag (never pulled = oldest).
 * - Every tagged artifact no rule keeps is deleted, with ALL its tags: the registry deletes a
 *   manifest by digest, which takes every tag on it, so an artifact is kept when any one of its
 *   tags is kept and a kept tag is never lost.
 * - An untagged manifest is only a candidate of rules that include untagged artifacts; one no
 *   such rule takes is left alone. When untagged manifests cannot be listed (an external
 *   registry), none are considered.
 * - An artifact with an immutable tag is always kept.
 * - A manifest referenced by a kept manifest (an index's child) is never deleted; untagged
 *   children of an index are never candidates themselves and go only with their index, when no
 *   kept manifest still references them (and only when the untagged manifests could be listed,
 *   so that no unseen untagged index is left pointing at a deleted child).
 */
export type RetentionTag = { name: string; pushedAt: Date; lastPulledAt: Date | null };
export type RetentionManifest = {
  digest: string;
  tags: RetentionTag[];
  // Digests of the child manifests of an index (empty for an image).
  children: string[];
  // For an untagged manifest, when its revision was written (null: unknown, the oldest).
  pushedAt: Date | null;
};
export type RetentionRepository = { name: string; manifests: RetentionManifest[] };
export type RetentionInput = {
  repositories: RetentionRepository[];
  rules: readonly RetentionRule[];
  // The immutable-tag rule protecting `tag` of `repository`, described, or null.
  immutable: (repository: string, tag: string) => string | null;
  // Whether the manifests without tags were listed (the console's own registry storage).
  untaggedListed: boolean;
  now: Date;
};

export type RetainedArtifact = { digest: string; tags: string[]; reasons: string[] };
export type DeletedArtifact = {
  digest: string;
  tags: string[];
  // "child": an untagged child manifest of a deleted index, deleted with it.
  kind: "tagged" | "untagged" | "child";
};
export type RepositoryVerdict = {
  repository: string;
  retained: RetainedArtifact[];
  deleted: DeletedArtifact[];
  // Untagged manifests no rule took (left alone).
  untouchedUntagged: number;
};

const DAY_MS = 86_400_000;

type Artifact = RetentionManifest & { pushed: number; pulled: number; tagNames: string[] };

function keptBy(rule: CompiledRetentionRule, candidates: Artifact[], now: number): Artifact[] {
  const n = rule.n ?? 0;
  switch (rule.criterion) {
    case "always":
      return candidates;
    case "latest_pushed":
      return [...candidates].sort((a, b) => b.pushed - a.pushed || cmp(a.digest, b.digest)).slice(0, n);
    case "latest_pulled":
      return [...candidates]
        .sort((a, b) => b.pulled - a.pulled || b.pushed - a.pushed || cmp(a.digest, b.digest))
        .slice(0, n);
    case "pushed_within_days":
      return candidates.filter((a) => a.pushed >= now - n * DAY_MS);
    case "pulled_within_days":
      return candidates.filter((a) => a.pulled >= now - n * DAY_MS);
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function maxTime(dates: (Date | null)[]): number {
  let best = -Infinity;
  for (const d of dates) if (d && d.getTime() > best) best = d.getTime();
  return best;
}

export function evaluateRetention(input: RetentionInput): RepositoryVerdict[] {
  const rules = compileRetentionRules(input.rules);
  const now = input.now.getTime();
  const out: RepositoryVerdict[] = [];
  for (const repo of input.repositories) {
    const applying = rules.filter((r) => ruleSelectsRepository(r, repo.name));
    if (applying.length === 0) continue;
    out.push(evaluateRepository(repo, applying, input, now));
  }
  return out;
}

function evaluateRepository(
  repo: RetentionRepository,
  rules: CompiledRetentionRule[],
  input: RetentionInput,
  now: number,
): RepositoryVerdict {
  const byDigest = new Map<string, Artifact>();
  for (const m of repo.manifests) {
    if (m.tags.length === 0 && !input.untaggedListed) continue;
    const tagNames = m.tags.map((t) => t.name);
    byDigest.set(m.digest, {
      ...m,
      tagNames,
      pushed: m.tags.length > 0 ? maxTime(m.tags.map((t) => t.pushedAt)) : maxTime([m.pushedAt]),
      pulled: maxTime(m.tags.map((t) => t.lastPulledAt)),
    });
  }
  const childOf = new Set<string>();
  for (const m of byDigest.values()) for (const c of m.children) childOf.add(c);
  // Candidates: tagged artifacts, and untagged ones that are no index's child.
  const artifacts = [...byDigest.values()].filter((a) => a.tags.length > 0 || !childOf.has(a.digest));

  const reasons = new Map<string, string[]>();
  const keep = (a: Artifact, why: string) => {
    const list = reasons.get(a.digest);
    if (list) list.push(why);
    else reasons.set(a.digest, [why]);
  };
  const considered = new Set<string>();
  for (const rule of rules) {
    const candidates = artifacts.filter((a) => ruleSelectsTags(rule, a.tagNames));
    for (const a of candidates) considered.add(a.digest);
    for (const a of keptBy(rule, candidates, now)) keep(a, `rule ${rule.position}: ${describeCriterion(rule)}`);
  }
  for (const a of artifacts) {
    for (const t of a.tagNames) {
      const rule = input.immutable(repo.name, t);
      if (rule) {
        keep(a, `tag ${t} is immutable (${rule})`);
        break;
      }
    }
  }
  // Deleted: every tagged artifact kept by no rule; untagged ones only if a rule considered them.
  const deleting = new Set(
    artifacts
      .filter((a) => !reasons.has(a.digest) && (a.tags.length > 0 || considered.has(a.digest)))
      .map((a) => a.digest),
  );
  // Whatever is not deleted is kept, and so is everything it references (fixpoint over nesting).
  const stack = [...byDigest.keys()].filter((d) => !deleting.has(d));
  const referenced = new Set<string>();
  while (stack.length > 0) {
    const parent = byDigest.get(stack.pop()!);
    for (const c of parent?.children ?? []) {
      if (referenced.has(c)) continue;
      referenced.add(c);
      if (deleting.delete(c)) keep(byDigest.get(c)!, `referenced by the kept index ${parent!.digest}`);
      stack.push(c);
    }
  }
  const deleted: DeletedArtifact[] = [];
  const seen = new Set<string>();
  const addChildren = (digest: string) => {
    for (const c of byDigest.get(digest)?.children ?? []) {
      const child = byDigest.get(c);
      // A tagged child is an artifact of its own (kept or deleted above); an unlisted one is unknown.
      if (!input.untaggedListed || !child || child.tags.length > 0) continue;
      if (referenced.has(c) || seen.has(c)) continue;
      seen.add(c);
      deleted.push({ digest: c, tags: [], kind: "child" });
      addChildren(c);
    }
  };
  for (const a of artifacts) {
    if (!deleting.has(a.digest)) continue;
    deleted.push({ digest: a.digest, tags: [...a.tagNames].sort(), kind: a.tags.length > 0 ? "tagged" : "untagged" });
    addChildren(a.digest);
  }
  const retained: RetainedArtifact[] = [];
  for (const a of byDigest.values()) {
    const why = reasons.get(a.digest);
    if (why) retained.push({ digest: a.digest, tags: [...a.tagNames].sort(), reasons: why });
  }
  const untouchedUntagged = artifacts.filter(
    (a) => a.tags.length === 0 && !reasons.has(a.digest) && !deleting.has(a.digest),
  ).length;
  return { repository: repo.name, retained, deleted, untouchedUntagged };
}
