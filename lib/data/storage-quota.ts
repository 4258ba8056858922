import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { namespaces } from "@/db/schema";
import { effectiveStorageQuota, type EffectiveQuota, type QuotaOverride } from "@/lib/authz/rules/storage-quota";
import { cachedAccess } from "./access-cache";
import { getSiteSetting } from "./site-settings";

export type NamespaceQuota = EffectiveQuota & {
  override: QuotaOverride;
  siteDefault: number | null;
};

/**
 * A namespace's storage quota: its own (Admin → Storage) or the site default, with both sides, so
 * pages can say where it comes from. Null when the namespace does not exist.
 */
export async function getNamespaceQuota(namespaceId: string): Promise<NamespaceQuota | null> {
  const [[row], siteDefault] = await Promise.all([
    getDb()
      .select({ override: namespaces.storageQuotaOverride, bytes: namespaces.storageQuotaBytes })
      .from(namespaces)
      .where(eq(namespaces.id, namespaceId))
      .limit(1),
    getSiteSetting("storage.default_quota_bytes"),
  ]);
  if (!row) return null;
  return { ...effectiveStorageQuota(row, siteDefault), override: row, siteDefault };
}

/**
 * The quota as the front door reads it on each manifest push: cached in the process and emptied
 * on every change to namespaces or site settings (their triggers notify access_changed), so an
 * operator's change applies on every console at once.
 */
export function getEffectiveQuotaForRequests(namespaceId: string): Promise<number | null> {
  return cachedAccess(`quota:${namespaceId}`, async () => (await getNamespaceQuota(namespaceId))?.bytes ?? null);
}
