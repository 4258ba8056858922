import { compileGlob } from "@/lib/glob/doublestar";

/**
 * Tag retention rules (Harbor's / TCR's semantics). A rule selects repositories of the namespace
 * and, in them, artifacts (manifests, by digest) by their tags, then keeps some of those by one
 * criterion. Pure: lib/retention/evaluate.ts applies them.
 */
export const RETENTION_CRITERIA = [
  "latest_pushed",
  "latest_pulled",
  "pushed_within_days",
  "pulled_within_days",
  "always",
] as const;
export type RetentionCriterion = (typeof RETENTION_CRITERIA)[number];

export type SelectorMode = "match" | "exclude";

export type RetentionRule = {
  id: string;
  repositoryPattern: string;
  repositoryMode: SelectorMode;
  tagPattern: string;
  tagMode: SelectorMode;
  includeUntagged: boolean;
  criterion: RetentionCriterion;
  // N of the criterion (count or days); null for "always".
  n: number | null;
};

/** At most this many rules per namespace (Harbor's limit too). */
export const MAX_RETENTION_RULES = 15;
/** The largest N a rule takes (a count of artifacts or of days). */
export const MAX_RETENTION_N = 100_000;

export type CompiledRetentionRule = RetentionRule & { position: number; repository: RegExp; tag: RegExp };

/** Compiled once per run; a stored pattern that no longer compiles selects nothing. */
export function compileRetentionRules(rules: readonly RetentionRule[]): CompiledRetentionRule[] {
  return rules.flatMap((r, i) => {
    const repository = compileGlob(r.repositoryPattern);
    const tag = compileGlob(r.tagPattern);
    return repository.ok && tag.ok ? [{ ...r, position: i + 1, repository: repository.regex, tag: tag.regex }] : [];
  });
}

/** Whether the rule's repository selector takes `repository` (its name inside the namespace). */
export function ruleSelectsRepository(rule: CompiledRetentionRule, repository: string): boolean {
  return rule.repository.test(repository) === (rule.repositoryMode === "match");
}

/**
 * Whether the rule's tag selector takes an artifact with these tags (Harbor's doublestar
 * selector): "match" when at least one tag matches the pattern, "exclude" when at least one tag
 * does not. An untagged artifact is taken only by a rule that includes untagged artifacts.
 */
export function ruleSelectsTags(rule: CompiledRetentionRule, tags: readonly string[]): boolean {
  if (tags.length === 0) return rule.includeUntagged;
  const want = rule.tagMode === "match";
  return tags.some((t) => rule.tag.test(t) === want);
}

/** How a rule reads in the UI and in run records: `rule 2: keep the 5 most recently pushed`. */
export function describeCriterion(rule: Pick<RetentionRule, "criterion" | "n">): string {
  const n = rule.n ?? 0;
  switch (rule.criterion) {
    case "latest_pushed":
      return `keep the ${n} most recently pushed`;
    case "latest_pulled":
      return `keep the ${n} most recently pulled`;
    case "pushed_within_days":
      return `keep those pushed within ${n} day${n === 1 ? "" : "s"}`;
    case "pulled_within_days":
      return `keep those pulled within ${n} day${n === 1 ? "" : "s"}`;
    case "always":
      return "always keep";
  }
}

export function describeSelectors(rule: RetentionRule): string {
  const repos = `repositories ${rule.repositoryMode === "match" ? "matching" : "excluding"} "${rule.repositoryPattern}"`;
  const tags = `tags ${rule.tagMode === "match" ? "matching" : "excluding"} "${rule.tagPattern}"`;
  return `${repos}, ${tags}${rule.includeUntagged ? ", untagged included" : ""}`;
}
