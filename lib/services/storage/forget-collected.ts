import "server-only";
import { withClientTransaction } from "@/db";
import { SITE_STORAGE_SCOPE_ID } from "@/db/schema";
import { STORAGE_ROLLUP_LOCK } from "./roll-up";

/**
 * After garbage collection: blobs the sweep deleted from disk leave stored_blobs, and their bytes
 * leave the site's described bytes, so "reclaimable" no longer counts what is gone. Only rows no
 * namespace holds (namespaces = 0): a blob some tag reaches is never forgotten, whatever the disk
 * says. Under the roll-up's lock (waited for), so the storage tables keep a single writer. A
 * digest pushed again later is described and counted again by the roll-up as any new blob is.
 * Returns the bytes forgotten.
 */
export async function forgetCollectedBlobs(digests: readonly string[]): Promise<number> {
  if (digests.length === 0) return 0;
  return withClientTransaction(async (client) => {
    await client.query("select pg_advisory_xact_lock($1)", [STORAGE_ROLLUP_LOCK]);
    const { rows } = await client.query<{ bytes: string | null }>(
      `with gone as (
         delete from stored_blobs where namespaces = 0 and digest = any($1::text[]) returning size)
       update storage_totals set described_bytes = described_bytes - (select coalesce(sum(size), 0) from gone)
       where scope = 'site' and scope_id = $2
       returning (select coalesce(sum(size), 0) from gone)::text as bytes`,
      [digests, SITE_STORAGE_SCOPE_ID],
    );
    return Number(rows[0]?.bytes ?? 0);
  });
}
