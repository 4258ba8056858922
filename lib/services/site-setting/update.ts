import "server-only";
import { transaction } from "@/db";
import { siteSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz/rules/repository-permissions";
import { isSiteOperator } from "@/lib/authz/rules/site-operator";
import type { SiteSettingKey, SiteSettings } from "@/lib/data/site-settings";
import { ForbiddenError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/services/audit-event/record";

/** Changes one operator setting; site operators only. Logged in the operator's audit log. */
export async function updateSiteSetting<K extends SiteSettingKey>(
  actor: Actor,
  key: K,
  value: SiteSettings[K],
): Promise<void> {
  if (actor.kind !== "user" || !isSiteOperator(actor))
    throw new ForbiddenError("Only site operators can change site settings.");
  await transaction(async (tx) => {
    await tx
      .insert(siteSettings)
      .values({ key, value, updatedById: actor.userId })
      .onConflictDoUpdate({
        target: siteSettings.key,
        set: { value, updatedById: actor.userId, updatedAt: new Date() },
      });
    await recordAudit({ ...auditActor(actor), action: "site_setting_changed", target: key, metadata: { value } }, tx);
  });
}
