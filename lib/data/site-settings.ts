import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { siteSettings } from "@/db/schema";
import type { PullRateLimit } from "@/lib/validations/site-settings";

export type SiteSettings = {
  // Webhooks to loopback/private/link-local/metadata addresses are refused unless this is on.
  "webhooks.allow_private_targets": boolean;
  // Pull rate limits at the front door (lib/front-door/pull-rate-limit.ts); null: no limit.
  "registry.pull_rate_limit": PullRateLimit | null;
};
export type SiteSettingKey = keyof SiteSettings;

/** Operator settings with their defaults (a missing row means the default). */
export const SITE_SETTING_DEFAULTS: SiteSettings = {
  "webhooks.allow_private_targets": false,
  "registry.pull_rate_limit": null,
};

export async function getSiteSettings(): Promise<SiteSettings> {
  const rows = await getDb().select({ key: siteSettings.key, value: siteSettings.value }).from(siteSettings);
  const out: Record<string, unknown> = { ...SITE_SETTING_DEFAULTS };
  for (const r of rows) if (r.key in SITE_SETTING_DEFAULTS) out[r.key] = r.value;
  return out as SiteSettings;
}

export async function getSiteSetting<K extends SiteSettingKey>(key: K): Promise<SiteSettings[K]> {
  const [row] = await getDb()
    .select({ value: siteSettings.value })
    .from(siteSettings)
    .where(eq(siteSettings.key, key))
    .limit(1);
  return row ? (row.value as SiteSettings[K]) : SITE_SETTING_DEFAULTS[key];
}

export async function allowPrivateWebhookTargets(): Promise<boolean> {
  const [row] = await getDb()
    .select({ value: siteSettings.value })
    .from(siteSettings)
    .where(eq(siteSettings.key, "webhooks.allow_private_targets"))
    .limit(1);
  return row ? row.value === true : SITE_SETTING_DEFAULTS["webhooks.allow_private_targets"];
}
