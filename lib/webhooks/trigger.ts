import { RE2JS } from "re2js";

/**
 * Which tags fire a webhook. Patterns are RE2 syntax, matched by RE2JS in time linear in the tag's
 * length whatever the pattern (no backtracking, so no catastrophic patterns), and found anywhere in
 * the tag unless anchored with ^ and $, like grep.
 */
export type Trigger = { type: "all" } | { type: "tags"; tags: string[] } | { type: "regex"; pattern: string };

export const MAX_PATTERN_LENGTH = 256;
export const MAX_TRIGGER_TAGS = 50;
// The distribution spec's tag grammar.
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** Why a pattern cannot be used, or null when it compiles. */
export function patternError(pattern: string): string | null {
  if (pattern.length === 0) return "Enter a regular expression";
  if (pattern.length > MAX_PATTERN_LENGTH) return `At most ${MAX_PATTERN_LENGTH} characters`;
  try {
    RE2JS.compile(pattern);
    return null;
  } catch (err) {
    // RE2 refuses back-references and look-around: say so in its words ("invalid or unsupported Perl syntax: `(?=`").
    const message = err instanceof Error ? err.message.replace(/^error parsing regexp: /, "") : "invalid pattern";
    return `Not a valid RE2 regular expression: ${message}`;
  }
}

/** "1.0; latest ;; v2" → ["1.0", "latest", "v2"] (semicolon separated, blanks and duplicates dropped). */
export function splitTagList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(";")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

const compiled = new Map<string, RE2JS>();

export function matchesTrigger(trigger: Trigger, tag: string | null): boolean {
  if (trigger.type === "all") return true;
  // Repository-level events (repository deleted) carry no tag: only "all tags" webhooks get them.
  if (tag === null) return false;
  if (trigger.type === "tags") return trigger.tags.includes(tag);
  let re = compiled.get(trigger.pattern);
  if (!re) {
    re = RE2JS.compile(trigger.pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(trigger.pattern, re);
  }
  return re.matcher(tag).find();
}
