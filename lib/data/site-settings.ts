import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { siteSettings } from "@/db/schema";

/** Operator settings with their defaults (a missing row means the default). */
export const SITE_SETTING_DEFAULTS = {
  // Webhooks to loopback/private/link-local/metadata addresses are refused unless this is on.
  "webhooks.allow_private_targets": false,
} as const;

export type SiteSettingKey = keyof typeof SITE_SETTING_DEFAULTS;
export type SiteSettings = {
  [K in SiteSettingKey]: (typeof SITE_SETTING_DEFAULTS)[K] extends boolean
    ? boolean
    : (typeof SITE_SETTING_DEFAULTS)[K];
};

export async function getSiteSettings(): Promise<SiteSettings> {
  const rows = await getDb().select({ key: siteSettings.key, value: siteSettings.value }).from(siteSettings);
  const out: Record<string, unknown> = { ...SITE_SETTING_DEFAULTS };
  for (const r of rows) if (r.key in SITE_SETTING_DEFAULTS) out[r.key] = r.value;
  return out as SiteSettings;
}

export async function allowPrivateWebhookTargets(): Promise<boolean> {
  const [row] = await getDb()
    .select({ value: siteSettings.value })
    .from(siteSettings)
    .where(eq(siteSettings.key, "webhooks.allow_private_targets"))
    .limit(1);
  return row ? row.value === true : SITE_SETTING_DEFAULTS["webhooks.allow_private_targets"];
}
