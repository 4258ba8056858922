import "server-only";
import { eq, sql } from "drizzle-orm";
import { transaction } from "@/db";
import { siteSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";
import type { SiteSettingKey, SiteSettings } from "@/lib/data/site-settings";
import { accessChanged } from "@/lib/data/access-cache";
import { ForbiddenError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";
import { notifyQuotaLevels } from "@/lib/services/storage/notify-quota-levels";

/**
 * Changes one operator setting; site operators only. Logged in the operator's audit log, with
 * `display` as the words for a structured value (the log shows only plain values).
 */
export async function updateSiteSetting<K extends SiteSettingKey>(
  actor: Actor,
  key: K,
  value: SiteSettings[K],
  display?: string,
): Promise<void> {
  if (actor.kind !== "user" || !isSiteOperator(actor))
    throw new ForbiddenError("Only site operators can change site settings.");
  await transaction(async (tx) => {
    // This process forgets the cached setting once committed; the others hear the trigger's notification.
    accessChanged(tx);
    // A missing row means the default; null (a setting that is off) is stored as no row.
    if (value === null) await tx.delete(siteSettings).where(eq(siteSettings.key, key));
    else
      await tx
        .insert(siteSettings)
        .values({ key, value, updatedById: actor.userId })
        .onConflictDoUpdate({
          target: siteSettings.key,
          set: { value, updatedById: actor.userId, updatedAt: new Date() },
        });
    await recordAudit(
      {
        ...auditActor(actor),
        action: "site_setting_changed",
        target: key,
        metadata: display === undefined ? { value } : { value, to: display },
      },
      tx,
    );
    // A new default moves every namespace that follows it: owners now at 80 % or 100 % are told.
    if (key === "storage.default_quota_bytes")
      await notifyQuotaLevels(
        tx,
        sql`select n.id from namespaces n join storage_totals t on t.scope = 'namespace' and t.scope_id = n.id
          where not n.storage_quota_override`,
      );
  });
}
