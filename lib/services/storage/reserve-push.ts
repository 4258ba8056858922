import "server-only";
import { withClientTransaction } from "@/db";
import { storageQuotaRefusal } from "@/lib/authz/rules/storage-quota";
import type { DoorRefusal } from "@/lib/authz/rules/front-door";

/** How long a reservation counts at most: past it, the counters include the push (about a second) or it failed. */
const RESERVATION_SECONDS = 120;

export type PushToReserve = {
  namespaceId: string;
  namespace: string;
  repositoryId: string;
  tag: string;
  /** The pushed manifest's digest. */
  digest: string;
  /** Every blob the tag would reach (the manifest itself, configs, layers, child manifests), with sizes. */
  blobs: ReadonlyArray<{ digest: string; size: number }>;
};

/**
 * Checks a tag push against the namespace's storage quota and, when it passes, reserves what it
 * adds until the storage counters include it (db/schema/storage-reservations.ts). One
 * transaction, holding the namespace's advisory lock, so pushes that arrive together are checked
 * one after the other, each against the others' reservations: however many arrive at once, what
 * passes fits. Blobs the namespace already stores (a shared base layer) add nothing. Two pending
 * pushes sharing a new layer both reserve it, so the check errs on the side of refusing.
 *
 * Returns the refusal, or the reservation's id (null when there is no quota or nothing is added).
 */
export async function reservePush(
  push: PushToReserve,
  quotaBytes: number | null,
): Promise<{ refusal: DoorRefusal } | { reservationId: string | null }> {
  if (quotaBytes === null) return { reservationId: null };
  const sizes = new Map<string, number>();
  for (const b of push.blobs) sizes.set(b.digest, Math.max(b.size, sizes.get(b.digest) ?? 0));
  return withClientTransaction(async (client) => {
    await client.query("select pg_advisory_xact_lock(hashtext('storage-quota'), hashtext($1))", [push.namespaceId]);
    // Reservations the counters now include, or that ran out, count no longer.
    await client.query(
      `delete from storage_reservations r where r.namespace_id = $1 and (r.expires_at <= now() or exists (
         select 1 from storage_tags s where s.repository_id = r.repository_id and s.name = r.tag
           and s.digest = r.digest and s.total_size is not null))`,
      [push.namespaceId],
    );
    const { rows } = await client.query<{ used: string; reserved: string; adding: string }>(
      `select
         coalesce((select unique_bytes from storage_totals where scope = 'namespace' and scope_id = $1), 0) as used,
         coalesce((select sum(bytes) from storage_reservations where namespace_id = $1), 0) as reserved,
         coalesce((select sum(b.size) from unnest($2::text[], $3::bigint[]) as b(digest, size)
           where not exists (select 1 from namespace_blobs nb where nb.namespace_id = $1 and nb.digest = b.digest)), 0) as adding`,
      [push.namespaceId, [...sizes.keys()], [...sizes.values()]],
    );
    const facts = {
      namespace: push.namespace,
      quotaBytes,
      usedBytes: Number(rows[0]!.used),
      reservedBytes: Number(rows[0]!.reserved),
      addingBytes: Number(rows[0]!.adding),
    };
    const refusal = storageQuotaRefusal(facts);
    if (refusal) return { refusal };
    if (facts.addingBytes === 0) return { reservationId: null };
    const { rows: made } = await client.query<{ id: string }>(
      `insert into storage_reservations (namespace_id, repository_id, tag, digest, bytes, expires_at)
       values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) returning id`,
      [push.namespaceId, push.repositoryId, push.tag, push.digest, facts.addingBytes, RESERVATION_SECONDS],
    );
    return { reservationId: made[0]!.id };
  });
}
