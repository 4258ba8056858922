import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { immutableTagRules, users } from "@/db/schema";
import {
  compileImmutableRules,
  immutableRuleFor,
  type CompiledImmutableRule,
  type ImmutableRule,
} from "@/lib/authz/rules/immutable-tags";
import { cachedAccess } from "@/lib/data/access-cache";

export type ImmutableTagRuleRow = ImmutableRule & {
  createdBy: string | null;
  createdAt: Date;
};

/** A namespace's rules, oldest first, with who added each (for its settings page and the API). */
export async function listImmutableTagRules(namespaceId: string): Promise<ImmutableTagRuleRow[]> {
  return getDb()
    .select({
      id: immutableTagRules.id,
      repositoryPattern: immutableTagRules.repositoryPattern,
      tagPattern: immutableTagRules.tagPattern,
      createdBy: users.username,
      createdAt: immutableTagRules.createdAt,
    })
    .from(immutableTagRules)
    .leftJoin(users, eq(users.id, immutableTagRules.createdById))
    .where(eq(immutableTagRules.namespaceId, namespaceId))
    .orderBy(asc(immutableTagRules.createdAt), asc(immutableTagRules.id));
}

/**
 * A namespace's rules compiled, for every manifest write the door judges and every tag list:
 * cached per process and emptied on any change to the table (migration 0024 notifies on
 * `access_changed`), so a rule added applies to the very next push on every console.
 */
export async function getImmutableRules(namespaceId: string): Promise<CompiledImmutableRule[]> {
  return cachedAccess(`immutable:${namespaceId}`, async () =>
    compileImmutableRules(
      await getDb()
        .select({
          id: immutableTagRules.id,
          repositoryPattern: immutableTagRules.repositoryPattern,
          tagPattern: immutableTagRules.tagPattern,
        })
        .from(immutableTagRules)
        .where(eq(immutableTagRules.namespaceId, namespaceId))
        .orderBy(asc(immutableTagRules.createdAt), asc(immutableTagRules.id)),
    ),
  );
}

/** Which of `tags` of a repository are immutable, and by which rule (shown on the tag list). */
export async function immutableTagsOf(
  namespaceId: string,
  repository: string,
  tags: readonly string[],
): Promise<Map<string, ImmutableRule>> {
  const rules = await getImmutableRules(namespaceId);
  const hits = new Map<string, ImmutableRule>();
  if (rules.length === 0) return hits;
  for (const tag of tags) {
    const rule = immutableRuleFor(rules, repository, tag);
    if (rule) hits.set(tag, { id: rule.id, repositoryPattern: rule.repositoryPattern, tagPattern: rule.tagPattern });
  }
  return hits;
}
