import "server-only";
import { eq } from "drizzle-orm";
import { repositoryCan, type Actor } from "@/lib/authz/rules/repository-permissions";
import { viewRepository } from "@/lib/authz/repository-viewer";
import { getDb } from "@/db";
import { repositoryTags } from "@/db/schema";
import { tagsOnDigests } from "@/lib/data/registry-index";
import { immutableTagsOf } from "@/lib/data/immutable-tag-rules";
import { immutableDeleteMessage } from "@/lib/authz/rules/immutable-tags";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { getRegistryClient } from "@/lib/registry";
import { actorName } from "@/lib/services/user/actor-name";
import { auditActor } from "@/lib/services/audit-event/record";
import { deleteManifests } from "./delete-manifests";

/**
 * Deletes tags for real. The registry deletes by digest, which removes every tag on that digest;
 * so when a selected tag shares its image with a tag that is not selected, nothing is deleted and
 * the message names the other tags (never remove them silently).
 *
 * The selected tags' digests come from the registry (authoritative, one HEAD each). Which other
 * tags share them comes from the index, plus a HEAD of every tag the registry lists that the index
 * does not know yet (pushed moments ago, or while events were lost): one tags-list request and a
 * handful of HEADs instead of one per tag, so it stays quick in a repository with 10,000 tags.
 */
export async function deleteTags(
  actor: Actor,
  input: { namespace: string; name: string; tags: string[] },
): Promise<{ deleted: string[] }> {
  const view = await viewRepository(actor, input.namespace, input.name);
  if (!view) throw new NotFoundError("Repository not found");
  if (!repositoryCan(view.role, "deleteTags"))
    throw new ForbiddenError("Only admins of this repository can delete tags.");
  const path = `${input.namespace}/${input.name}`;
  // Immutable tags are deleted by no one (lib/authz/rules/immutable-tags.ts): refused before
  // anything is asked of the registry, and nothing of the selection is deleted.
  const immutable = await immutableTagsOf(view.repo.namespaceId, input.name, input.tags);
  if (immutable.size > 0)
    throw new ValidationError(
      `${immutableDeleteMessage(
        path,
        [...immutable].map(([tag, rule]) => ({ tag, rule })),
      )}. Deselect ${immutable.size === 1 ? "it" : "them"}, or ask an owner of ${input.namespace} to delete the rule first.`,
      { tags: [...immutable.keys()] },
    );
  const client = getRegistryClient();
  const inRegistry = new Set(await client.allTags(path));
  const missing = input.tags.filter((t) => !inRegistry.has(t));
  if (missing.length > 0) throw new NotFoundError(`No such tag: ${missing.join(", ")}`, { tags: missing });

  const selected = new Set(input.tags);
  const heads = await Promise.all(
    input.tags.map(async (tag) => ({ tag, digest: (await client.headManifest(path, tag))?.digest ?? null })),
  );
  const digests = [...new Set(heads.flatMap((h) => (h.digest ? [h.digest] : [])))];
  const byDigest = new Map<string, Set<string>>();
  const add = (digest: string, tag: string) => byDigest.set(digest, (byDigest.get(digest) ?? new Set()).add(tag));
  for (const h of heads) if (h.digest) add(h.digest, h.tag);
  for (const t of await tagsOnDigests(view.repo.id, digests)) if (inRegistry.has(t.name)) add(t.digest, t.name);
  const indexed = new Set(
    (
      await getDb()
        .select({ name: repositoryTags.name })
        .from(repositoryTags)
        .where(eq(repositoryTags.repositoryId, view.repo.id))
    ).map((r) => r.name),
  );
  const unknown = [...inRegistry].filter((t) => !indexed.has(t) && !selected.has(t));
  for (const tag of unknown) {
    const head = await client.headManifest(path, tag);
    if (head && digests.includes(head.digest)) add(head.digest, tag);
  }

  const problems: string[] = [];
  for (const d of digests) {
    const all = [...(byDigest.get(d) ?? [])].sort();
    const others = all.filter((t) => !selected.has(t));
    if (others.length > 0)
      problems.push(
        `${all.filter((t) => selected.has(t)).join(", ")} share${others.length === 1 ? "s" : ""} the same image as ${others.join(", ")}`,
      );
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `Deleting would also delete other tags: ${problems.join("; ")}. Select those tags too, or push a different image to them first.`,
      { tags: problems },
    );
  }
  // Deleted on the user's behalf, so the registry's delete events (and the webhooks they fire) name them.
  const onBehalfOf = (await actorName(getDb(), actor.kind === "user" ? actor.userId : null)) ?? undefined;
  await deleteManifests({
    repository: { id: view.repo.id, namespaceId: view.repo.namespaceId, path },
    digests,
    tags: input.tags,
    onBehalfOf,
    audit: auditActor(actor),
  });
  return { deleted: input.tags };
}
