import fs from "node:fs";
import {
  immutableDeleteRefusal,
  immutableOverwriteRefusal,
  immutableRuleFor,
  type CompiledImmutableRule,
} from "@/lib/authz/rules/immutable-tags";
import { getImmutableRules } from "@/lib/data/immutable-tag-rules";
import { tagsOnDigests } from "@/lib/data/registry-index";
import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { getRegistryClient } from "@/lib/registry";
import { splitRepositoryPath } from "@/lib/validations/repository";
import { readStoredTagDigest } from "./manifest-from-storage";
import type { ManifestRule, ManifestWrite } from "./manifest-rules";

/**
 * The door's immutable-tag rule (lib/authz/rules/immutable-tags.ts): refuses, before the registry
 * is asked, a push that would move an immutable tag to another image, and a delete by tag or by a
 * digest an immutable tag is on. A namespace without rules costs one cached lookup.
 *
 * A tag's current digest comes from the registry's storage when the door knows it (a link file,
 * microseconds), else from the registry (a HEAD). Checked before the write, so two pushes racing
 * to create the same new tag can both pass: the registry orders them, as Harbor's check does.
 */
export function immutableTagsRule(opts: { registryStorageDir?: string } = {}): ManifestRule {
  return async (write) => {
    if (!write.granted) return null;
    const path = splitRepositoryPath(write.repository);
    if (!path) return null;
    const ctx = await getRepositoryAccessContext(path.namespace, path.name);
    if (!ctx.namespace) return null;
    const rules = await getImmutableRules(ctx.namespace.id);
    if (rules.length === 0) return null;
    const currentDigest = (tag: string) => tagDigest(opts.registryStorageDir, write.repository, tag);

    if (write.method === "PUT") {
      // A push by digest moves no tag.
      if (write.byDigest) return null;
      const rule = immutableRuleFor(rules, path.name, write.reference);
      if (!rule) return null;
      const current = await currentDigest(write.reference);
      if (!current || current === write.digest) return null;
      return immutableOverwriteRefusal(write.repository, write.reference, rule);
    }

    if (!write.byDigest) {
      const rule = immutableRuleFor(rules, path.name, write.reference);
      return rule ? immutableDeleteRefusal(write.repository, [{ tag: write.reference, rule }]) : null;
    }
    const immutable = (tag: string) => immutableRuleFor(rules, path.name, tag) !== null;
    const tags = await tagsOnDigest(
      write,
      ctx.repository?.id ?? null,
      opts.registryStorageDir,
      currentDigest,
      immutable,
    );
    const hits = matching(rules, path.name, tags);
    return hits.length > 0 ? immutableDeleteRefusal(write.repository, hits) : null;
  };
}

async function tagDigest(storageDir: string | undefined, repository: string, tag: string): Promise<string | null> {
  if (storageDir) return readStoredTagDigest(storageDir, repository, tag);
  return (await getRegistryClient().headManifest(repository, tag))?.digest ?? null;
}

/**
 * The immutable tags on the digest being deleted: the index's, each confirmed against the registry (the index
 * may lag a push by moments), plus, with the storage at hand, any tag there the index has not
 * heard of yet.
 */
async function tagsOnDigest(
  write: ManifestWrite,
  repositoryId: string | null,
  storageDir: string | undefined,
  currentDigest: (tag: string) => Promise<string | null>,
  immutable: (tag: string) => boolean,
): Promise<string[]> {
  const digest = write.reference;
  const found = new Set<string>();
  const indexed = repositoryId ? await tagsOnDigests(repositoryId, [digest]) : [];
  // Only tags a rule matches matter: the others are never read.
  for (const t of indexed) if (immutable(t.name) && (await currentDigest(t.name)) === digest) found.add(t.name);
  if (storageDir) {
    let names: string[] = [];
    try {
      names = await fs.promises.readdir(
        `${storageDir}/docker/registry/v2/repositories/${write.repository}/_manifests/tags`,
      );
    } catch {
      // No tags directory: the repository has no tags.
    }
    for (const name of names)
      if (!found.has(name) && immutable(name) && readStoredTagDigest(storageDir, write.repository, name) === digest)
        found.add(name);
  }
  return [...found].sort();
}

function matching(rules: readonly CompiledImmutableRule[], repository: string, tags: readonly string[]) {
  return tags.flatMap((tag) => {
    const rule = immutableRuleFor(rules, repository, tag);
    return rule ? [{ tag, rule }] : [];
  });
}
