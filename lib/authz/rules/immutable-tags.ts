import { compileGlob } from "@/lib/glob/doublestar";
import type { DoorRefusal } from "./front-door";

/**
 * Immutable tags (Harbor's "tag immutability"): a tag of a repository matched by a rule of its
 * namespace may be pushed once, and then neither moved to another image nor deleted, by anyone —
 * owners included: that is the point of a release tag others pin. Pure: the rules and names come
 * from the caller (the front door, the tag deletion, the tag list).
 */
export type ImmutableRule = { id: string; repositoryPattern: string; tagPattern: string };
export type CompiledImmutableRule = ImmutableRule & { repository: RegExp; tag: RegExp };

/** At most this many rules per namespace (Harbor's limit too). */
export const MAX_IMMUTABLE_RULES = 15;

/** Compiled once per load; a stored pattern that no longer compiles matches nothing. */
export function compileImmutableRules(rules: readonly ImmutableRule[]): CompiledImmutableRule[] {
  return rules.flatMap((r) => {
    const repository = compileGlob(r.repositoryPattern);
    const tag = compileGlob(r.tagPattern);
    return repository.ok && tag.ok ? [{ ...r, repository: repository.regex, tag: tag.regex }] : [];
  });
}

/** The first rule making `tag` of `repository` (its name inside the namespace) immutable, else null. */
export function immutableRuleFor(
  rules: readonly CompiledImmutableRule[],
  repository: string,
  tag: string,
): CompiledImmutableRule | null {
  return rules.find((r) => r.repository.test(repository) && r.tag.test(tag)) ?? null;
}

/** How a rule is named in messages: `repositories "**", tags "v*"`. */
export function describeImmutableRule(rule: ImmutableRule): string {
  return `repositories "${rule.repositoryPattern}", tags "${rule.tagPattern}"`;
}

/** A push that would move an immutable tag to another image (the same image again is fine). */
export function immutableOverwriteRefusal(path: string, tag: string, rule: ImmutableRule): DoorRefusal {
  return {
    status: 403,
    code: "DENIED",
    message: `tag ${tag} of ${path} is immutable (rule: ${describeImmutableRule(rule)}); push a new tag instead`,
  };
}

/** Deleting immutable tags, by tag or by the digest they are on. */
export function immutableDeleteMessage(path: string, hits: readonly { tag: string; rule: ImmutableRule }[]): string {
  const tags = hits.map((h) => h.tag).join(", ");
  const rules = [...new Set(hits.map((h) => describeImmutableRule(h.rule)))].join("; ");
  return `${hits.length === 1 ? "tag" : "tags"} ${tags} of ${path} ${hits.length === 1 ? "is" : "are"} immutable (rule: ${rules}) and cannot be deleted`;
}

export function immutableDeleteRefusal(
  path: string,
  hits: readonly { tag: string; rule: ImmutableRule }[],
): DoorRefusal {
  return { status: 403, code: "DENIED", message: immutableDeleteMessage(path, hits) };
}
