import path from "node:path";
import { RE2JS } from "re2js";
import { patternError, TAG_PATTERN } from "@/lib/webhooks/trigger";

/**
 * Build rules without the database (issue 23): which rules a pushed Git ref fires, the image tag
 * each renders, and whether a Dockerfile path or build context stays inside the Git repository.
 * Shared by the validation (lib/validations/build-settings.ts) and, later, the build trigger.
 *
 * - A rule names a branch or a tag exactly, or with an RE2 pattern (linear time, as webhook
 *   triggers), found anywhere in the name unless anchored with ^ and $.
 * - A tag template holds literal tag characters and placeholders: {branch}, {tag}, {sha}, {sha7},
 *   {date} (UTC, YYYYMMDD) and, for a pattern, its capture groups {1}…{9}.
 * - A value put in a placeholder has every character a tag cannot hold replaced by "-"
 *   (feature/login → feature-login); the whole rendered tag must then match the OCI tag grammar.
 */

export const MAX_BUILD_RULES = 10;
export const MAX_TEMPLATE_LENGTH = 128;
const PLACEHOLDER = /\{([^{}]*)\}/g;
const NAMED = ["branch", "tag", "sha", "sha7", "date"] as const;

export type BuildSourceType = "branch" | "tag";
export type RuleSpec = {
  id?: string;
  sourceType: BuildSourceType;
  sourceName: string;
  sourceRegex: boolean;
  tagTemplate: string;
  enabled: boolean;
};
export type GitRef = { type: BuildSourceType; name: string };

/** refs/heads/x → branch x, refs/tags/y → tag y; anything else (refs/pull/…, a bare name) → null. */
export function parseRef(ref: string): GitRef | null {
  const m = /^refs\/(heads|tags)\/(.+)$/.exec(ref);
  if (!m) return null;
  return { type: m[1] === "heads" ? "branch" : "tag", name: m[2]! };
}

const compiled = new Map<string, RE2JS>();
function compile(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** How many capture groups a pattern has (0 for an exact name or a pattern that does not compile). */
export function captureGroupCount(pattern: string): number {
  return patternError(pattern) ? 0 : compile(pattern).groupCount();
}

/** The rule's capture groups for a ref name ([] for an exact name), or null when it does not match. */
export function matchSource(rule: Pick<RuleSpec, "sourceName" | "sourceRegex">, name: string): string[] | null {
  if (!rule.sourceRegex) return rule.sourceName === name ? [] : null;
  const m = compile(rule.sourceName).matcher(name);
  if (!m.find()) return null;
  const groups: string[] = [];
  // A group that took no part in the match (an alternative not taken) renders empty.
  for (let i = 1; i <= m.groupCount(); i++) groups.push(m.group(i) ?? "");
  return groups;
}

export type RenderValues = { ref: GitRef; sha: string; date: Date; groups: string[] };

const tagSafe = (v: string) => v.replace(/[^A-Za-z0-9._-]/g, "-");
const yyyymmdd = (d: Date) => d.toISOString().slice(0, 10).replaceAll("-", "");

export type Rendered = { ok: true; tag: string } | { ok: false; error: string };

/** Renders a template for one ref; the answer is a valid tag or says why not. */
export function renderTagTemplate(template: string, v: RenderValues): Rendered {
  const unknown = templatePlaceholderError(template, v.ref.type, v.groups.length);
  if (unknown) return { ok: false, error: unknown };
  const tag = template.replace(PLACEHOLDER, (_, name: string) => {
    if (name === "branch") return tagSafe(v.ref.name);
    if (name === "tag") return tagSafe(v.ref.name);
    if (name === "sha") return v.sha;
    if (name === "sha7") return v.sha.slice(0, 7);
    if (name === "date") return yyyymmdd(v.date);
    return tagSafe(v.groups[Number(name) - 1] ?? "");
  });
  if (!TAG_PATTERN.test(tag)) return { ok: false, error: invalidTagMessage(tag) };
  return { ok: true, tag };
}

function invalidTagMessage(tag: string): string {
  if (tag.length === 0) return "Renders an empty tag";
  if (tag.length > 128) return `Renders a tag of ${tag.length} characters; at most 128`;
  return `Renders "${tag.slice(0, 60)}", not a valid tag: letters, digits, _ . and -, not starting with . or -`;
}

/** A placeholder the template cannot use for this kind of rule, or null. */
function templatePlaceholderError(template: string, type: BuildSourceType, groups: number): string | null {
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (/^[1-9]$/.test(name!)) {
      if (Number(name) > groups)
        return groups === 0
          ? `{${name}} needs a regular expression with capture groups`
          : `{${name}} refers to a capture group the expression does not have (it has ${groups})`;
      continue;
    }
    if (!(NAMED as readonly string[]).includes(name!))
      return `Unknown placeholder {${name}}: use {branch}, {tag}, {sha}, {sha7}, {date} or {1}…{9}`;
    if (name === "branch" && type === "tag") return "{branch} is only known for branch rules; use {tag}";
    if (name === "tag" && type === "branch") return "{tag} is only known for tag rules; use {branch}";
  }
  return null;
}

// What the static check renders with: an exact rule's own name, or these for a pattern.
export const SAMPLE = { branch: "main", tag: "v1.0.0", sha: "0123456789abcdef0123456789abcdef01234567" };

/**
 * Whether a template can render an invalid tag, decided without a push: placeholders must exist
 * for the rule (capture groups the pattern has), and rendering with the rule's own name (or the
 * sample branch "main" / tag "v1.0.0" for a pattern, each group as "1", a 40-hex sha and today's
 * date) must give a valid tag. Substituted values are made tag-safe, so what can still go wrong
 * is the literal text and the length; a very long branch name can still overflow at push time,
 * which render reports for that build.
 */
export function templateError(
  template: string,
  rule: Pick<RuleSpec, "sourceType" | "sourceName" | "sourceRegex">,
  now = new Date(),
): string | null {
  if (template.length === 0) return "Enter a tag template, e.g. {branch} or {tag}";
  if (template.length > MAX_TEMPLATE_LENGTH) return `At most ${MAX_TEMPLATE_LENGTH} characters`;
  const groups = rule.sourceRegex ? captureGroupCount(rule.sourceName) : 0;
  const name = rule.sourceRegex ? SAMPLE[rule.sourceType] : rule.sourceName;
  const r = renderTagTemplate(template, {
    ref: { type: rule.sourceType, name },
    sha: SAMPLE.sha,
    date: now,
    groups: Array.from({ length: groups }, () => "1"),
  });
  return r.ok ? null : r.error;
}

export type Fired = { rule: RuleSpec; tag: string } | { rule: RuleSpec; error: string };

/** The enabled rules a pushed ref fires, each with its rendered tag or why it cannot be built. */
export function rulesForRef(rules: RuleSpec[], ref: string, sha: string, date = new Date()): Fired[] {
  const parsed = parseRef(ref);
  if (!parsed) return [];
  const out: Fired[] = [];
  for (const rule of rules) {
    if (!rule.enabled || rule.sourceType !== parsed.type) continue;
    const groups = matchSource(rule, parsed.name);
    if (!groups) continue;
    const r = renderTagTemplate(rule.tagTemplate, { ref: parsed, sha, date, groups });
    out.push(r.ok ? { rule, tag: r.tag } : { rule, error: r.error });
  }
  return out;
}

export type RepoPath = { ok: true; path: string } | { ok: false; error: string };

/**
 * A Dockerfile path (`file`) or build context (`dir`) inside the Git repository, normalised
 * (./a//b/ → a/b; the context of the whole repository is "."). Absolute paths, backslashes and
 * any `..` that leaves the repository are refused.
 */
export function normalizeRepoPath(value: string, kind: "file" | "dir"): RepoPath {
  if (value.length === 0)
    return kind === "file"
      ? { ok: false, error: "Enter the Dockerfile's path, e.g. Dockerfile" }
      : { ok: true, path: "." };
  if (value.length > 500) return { ok: false, error: "At most 500 characters" };
  if (value.includes("\\")) return { ok: false, error: "Use / between folders, not \\" };
  if (value.startsWith("/") || /^[A-Za-z]:/.test(value))
    return { ok: false, error: "Give a path inside the repository, not an absolute one" };
  const normal = path.posix.normalize(value).replace(/\/+$/, "");
  if (normal === ".." || normal.startsWith("../")) return { ok: false, error: "The path leaves the repository (..)" };
  if (normal === "." || normal === "")
    return kind === "file"
      ? { ok: false, error: "Name the Dockerfile, not the repository's root" }
      : { ok: true, path: "." };
  if (normal.split("/").includes(".git")) return { ok: false, error: "The .git folder cannot be used" };
  return { ok: true, path: normal };
}
