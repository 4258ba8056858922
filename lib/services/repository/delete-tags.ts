import "server-only";
import { roleAtLeast, type Actor } from "@/lib/authz/repository-permissions";
import { viewRepository } from "@/lib/authz/repository-viewer";
import { getDb } from "@/db";
import { authEvents } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { getRegistryClient } from "@/lib/registry";

/**
 * Deletes tags for real. The registry deletes by digest, which removes every tag on that digest;
 * so when a selected tag shares its image with a tag that is not selected, nothing is deleted and
 * the message names the other tags (never remove them silently).
 */
export async function deleteTags(actor: Actor, input: { namespace: string; name: string; tags: string[] }): Promise<{ deleted: string[] }> {
  const view = await viewRepository(actor, input.namespace, input.name);
  if (!view) throw new NotFoundError("Repository not found");
  if (!roleAtLeast(view.role, "admin")) throw new ForbiddenError("Only admins of this repository can delete tags.");
  const path = `${input.namespace}/${input.name}`;
  const client = getRegistryClient();
  const all = await client.allTags(path);
  const missing = input.tags.filter((t) => !all.includes(t));
  if (missing.length > 0) throw new NotFoundError(`No such tag: ${missing.join(", ")}`, { tags: missing });
  const heads = await Promise.all(all.map(async (tag) => ({ tag, digest: (await client.headManifest(path, tag))?.digest ?? null })));
  const byDigest = new Map<string, string[]>();
  for (const h of heads) if (h.digest) byDigest.set(h.digest, [...(byDigest.get(h.digest) ?? []), h.tag]);
  const selected = new Set(input.tags);
  const digests = new Set(heads.filter((h) => selected.has(h.tag) && h.digest).map((h) => h.digest!));
  const problems: string[] = [];
  for (const d of digests) {
    const others = (byDigest.get(d) ?? []).filter((t) => !selected.has(t));
    if (others.length > 0) problems.push(`${(byDigest.get(d) ?? []).filter((t) => selected.has(t)).join(", ")} share${others.length === 1 ? "s" : ""} the same image as ${others.join(", ")}`);
  }
  if (problems.length > 0) {
    throw new ValidationError(`Deleting would also delete other tags: ${problems.join("; ")}. Select those tags too, or push a different image to them first.`, { tags: problems });
  }
  for (const d of digests) await client.deleteManifest(path, d);
  await getDb().insert(authEvents).values({ userId: actor.kind === "user" ? actor.userId : null, kind: "tags_deleted", detail: `${path}:${input.tags.join(",")}`.slice(0, 500) });
  return { deleted: input.tags };
}
