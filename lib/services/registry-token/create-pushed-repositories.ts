import "server-only";
import { transaction } from "@/db";
import { repositories } from "@/db/schema";
import { accessChanged } from "@/lib/data/access-cache";
import type { RepositoryToCreate } from "@/lib/authz/registry-access";
import { limits } from "@/lib/services/rate-limit/limits";
import { ForbiddenError, RateLimitedError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit-event/record";
import { takeSlots } from "@/lib/services/rate-limit/consume";
import { assertPrivateQuota } from "@/lib/services/repository/assert-private-quota";

/** No client asks for more than a couple of new repositories at once (docker: the target, maybe a mount source). */
export const MAX_NEW_REPOSITORIES_PER_REQUEST = 10;

/**
 * Creates the repositories a token request's push grants need, with the namespace's default
 * visibility (Docker Hub's "create on first push"). Until the console serves the registry API
 * itself, the token is the last point where it can refuse a repository before data lands in it, so
 * creation happens here, bounded three ways: at most 10 new repositories per request (all or
 * nothing, checked before anything is written), at most 100 per namespace an hour (taken
 * atomically), and the private quota under the namespace row's lock, in the transaction that
 * inserts. Each refusal is a DENIED with a message docker prints.
 */
export async function createPushedRepositories(
  wanted: RepositoryToCreate[],
  userId: string,
  ip: string | null,
): Promise<void> {
  const unique = [...new Map(wanted.map((r) => [`${r.namespaceId}/${r.name}`, r])).values()];
  if (unique.length === 0) return;
  if (unique.length > MAX_NEW_REPOSITORIES_PER_REQUEST) {
    throw new ForbiddenError(
      `One token request may create at most ${MAX_NEW_REPOSITORIES_PER_REQUEST} repositories; this one would create ${unique.length}. Push to fewer new repositories at a time, or create them in the console first.`,
    );
  }
  // Sorted by namespace so two requests lock namespace rows in the same order.
  const byNamespace = new Map<string, RepositoryToCreate[]>();
  for (const r of unique.sort((a, b) => a.namespaceId.localeCompare(b.namespaceId)))
    byNamespace.set(r.namespaceId, [...(byNamespace.get(r.namespaceId) ?? []), r]);
  try {
    for (const group of byNamespace.values())
      await takeSlots([limits.pushCreatedRepositories(group[0]!.namespaceId, group[0]!.namespaceName)], group.length);
  } catch (err) {
    // A refusal to create, like the quota's: docker prints "denied: <message>".
    if (err instanceof RateLimitedError)
      throw new ForbiddenError(err.message, { retryAfterSeconds: err.retryAfterSeconds });
    throw err;
  }
  await transaction(async (tx) => {
    for (const group of byNamespace.values()) {
      const namespace = { id: group[0]!.namespaceId, name: group[0]!.namespaceName };
      const privateCount = group.filter((r) => r.visibility === "private").length;
      if (privateCount > 0) await assertPrivateQuota(tx, namespace, privateCount);
      accessChanged(tx);
      const created = await tx
        .insert(repositories)
        .values(
          group.map((r) => ({
            namespaceId: r.namespaceId,
            name: r.name,
            visibility: r.visibility,
            createdById: userId,
          })),
        )
        .onConflictDoNothing({ target: [repositories.namespaceId, repositories.name] })
        .returning({ name: repositories.name, visibility: repositories.visibility });
      for (const r of created) {
        await recordAudit(
          {
            actorId: userId,
            ip,
            namespaceId: namespace.id,
            action: "repository_created",
            target: `${namespace.name}/${r.name}`,
            metadata: { visibility: r.visibility, via: "push" },
          },
          tx,
        );
      }
    }
  });
}
