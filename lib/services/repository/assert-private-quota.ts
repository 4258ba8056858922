import "server-only";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { ForbiddenError } from "@/lib/errors";

/**
 * Refuses `adding` more private repositories past the organization's quota, holding the namespace
 * row's lock until `tx` ends. Creators in one namespace queue on that lock, and the count is a
 * second statement so (in READ COMMITTED) it sees every repository the previous holder committed:
 * a count-then-insert without the lock let 12 parallel first pushes into a quota of 1 make 12.
 * Callers insert or update in the same transaction.
 */
export async function assertPrivateQuota(
  tx: Transaction,
  namespace: { id: string; name: string },
  adding = 1,
): Promise<void> {
  const locked = await tx.execute<{ quota: number | null }>(sql`
    select o.private_repo_quota as quota from namespaces n left join organizations o on o.namespace_id = n.id
    where n.id = ${namespace.id} for update of n`);
  const quota = locked.rows[0]?.quota ?? null;
  if (quota === null) return;
  const counted = await tx.execute<{ used: number }>(
    sql`select count(*)::int as used from repositories where namespace_id = ${namespace.id} and visibility = 'private'`,
  );
  const used = counted.rows[0]?.used ?? 0;
  if (used + adding > quota) {
    const state =
      used >= quota
        ? `has used all ${quota} of its private repositories`
        : `has ${quota - used} of its ${quota} private repositories left, and this needs ${adding}`;
    throw new ForbiddenError(
      `${namespace.name} ${state}. Delete one, make one public, or raise the quota in the organization's settings.`,
    );
  }
}
