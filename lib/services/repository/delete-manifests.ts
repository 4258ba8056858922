import "server-only";
import { withClientTransaction } from "@/db";
import { getRegistryClient } from "@/lib/registry";
import { removeTags } from "@/lib/services/registry-event/remove-tags";
import { recordAudit } from "@/lib/services/audit-event/record";

/**
 * The deletion itself, once the caller decided what goes: each digest is deleted in the registry
 * (which takes every tag on it), the tags leave the index at once with a `tag_deleted` webhook for
 * each (lib/services/registry-event/remove-tags.ts), and one audit entry records it. Shared by a
 * user's tag deletion (delete-tags.ts, after its checks) and tag retention runs
 * (lib/services/retention-run/execute.ts), so both delete alike.
 */
export async function deleteManifests(input: {
  repository: { id: string; namespaceId: string; path: string };
  digests: string[];
  // The tags going with them, for the audit entry.
  tags: string[];
  // Named in the registry's delete events and the webhooks (`pusher`).
  onBehalfOf: string | undefined;
  audit: { actorId: string | null; ip: string | null; metadata?: Record<string, unknown> };
}): Promise<void> {
  const client = getRegistryClient();
  const { repository: repo, digests, onBehalfOf } = input;
  for (const d of digests) await client.deleteManifest(repo.path, d, { onBehalfOf });
  // The registry's delete events do the same a moment later; doing it now means the page that
  // reloads after this action no longer lists the tags, and the tag_deleted webhooks name the
  // user (whichever of the two removes a tag announces it, once).
  const at = new Date();
  await withClientTransaction((pg, db) =>
    removeTags(
      pg,
      db,
      digests.map((digest) => ({ repositoryId: repo.id, tag: null, digest, at, actor: onBehalfOf ?? null })),
    ),
  );
  await recordAudit({
    actorId: input.audit.actorId,
    ip: input.audit.ip,
    namespaceId: repo.namespaceId,
    action: "tags_deleted",
    target: `${repo.path}:${input.tags.join(",")}`,
    metadata: { ...input.audit.metadata, tags: input.tags, digests },
  });
}
