import { getRepositoryAccessContext } from "@/lib/data/repositories";
import { getEffectiveQuotaForRequests } from "@/lib/data/storage-quota";
import { releaseReservation } from "@/lib/services/storage/release-reservation";
import { reservePush } from "@/lib/services/storage/reserve-push";
import { splitRepositoryPath } from "@/lib/validations/repository";
import type { ManifestRule } from "./manifest-rules";
import { pushedBlobs } from "./pushed-blobs";
import { asRegistryError } from "./rules";

/**
 * The storage quota at the door: the namespace's effective quota (its own, set in Admin → Storage,
 * or the site default of Admin → Site settings; lib/data/storage-quota.ts): a manifest PUT by tag
 * that would take its namespace past the quota is refused with 403 DENIED naming usage and quota,
 * before the registry sees it, so the tag stays where it was. Blobs uploaded before the refusal
 * stay for garbage collection. The decision: lib/authz/rules/storage-quota.ts; the check and the
 * reservation that makes it hold for pushes arriving together: lib/services/storage/reserve-push.ts.
 *
 * PUTs by digest (an index's children, before the index) are not checked: no tag reaches them
 * yet, so they add nothing to the namespace's figure; the index's PUT by tag counts them.
 */
export function storageQuotaRule(registryStorageDir?: string): ManifestRule {
  return async (write) => {
    // A client whose token does not name the repository is refused by the registry: nothing to reserve.
    if (write.method !== "PUT" || write.byDigest || !write.body || !write.digest || !write.granted) return null;
    const path = splitRepositoryPath(write.repository);
    const ctx = path ? await getRepositoryAccessContext(path.namespace, path.name) : null;
    // A repository the console does not know: the registry's token check refuses the push anyway.
    if (!path || !ctx?.namespace || !ctx.repository) return null;
    const quotaBytes = await getEffectiveQuotaForRequests(ctx.namespace.id);
    if (quotaBytes === null) return null;
    const blobs = await pushedBlobs(registryStorageDir, write.body, write.digest);
    const result = await reservePush(
      {
        namespaceId: ctx.namespace.id,
        namespace: path.namespace,
        repositoryId: ctx.repository.id,
        tag: write.reference,
        digest: write.digest,
        blobs,
      },
      quotaBytes,
    );
    if ("refusal" in result) return asRegistryError(result.refusal);
    const id = result.reservationId;
    // The registry refused the push after all (a blob it lacks, a bad manifest): release at once.
    if (id) write.afterAnswer((status) => (status === 201 ? undefined : releaseReservation(id)));
    return null;
  };
}
