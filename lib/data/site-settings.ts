import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { siteSettings } from "@/db/schema";
import { cachedAccess } from "@/lib/data/access-cache";
import type { StoredGcSchedule } from "@/lib/validations/garbage-collection";
import type { PullRateLimit } from "@/lib/validations/site-settings";

/** A read-only window (later: garbage collection): writes through the front door are refused with `message`. */
export type ReadOnlyWindow = { message: string; since: string };

export type SiteSettings = {
  // Webhooks to loopback/private/link-local/metadata addresses are refused unless this is on.
  "webhooks.allow_private_targets": boolean;
  // Pull rate limits at the front door (lib/front-door/pull-rate-limit.ts); null: no limit.
  "registry.pull_rate_limit": PullRateLimit | null;
  // While set, the front door answers writes with 503 and this message; pulls keep working.
  "registry.read_only": ReadOnlyWindow | null;
  // Bytes each namespace may store (its distinct bytes, lib/data/storage.ts); null: no quota.
  // Enforced at the front door on manifest pushes (lib/front-door/storage-quota.ts).
  "storage.default_quota_bytes": number | null;
  // When the registry's garbage collection runs by itself (lib/jobs/registry-gc.ts); null: never.
  "registry.gc_schedule": StoredGcSchedule | null;
  // Automated builds from Git (issue 23) are off until the operator turns them on.
  "builds.enabled": boolean;
  // Build sources on loopback/private addresses are refused unless this is on. Its own setting,
  // not the webhooks' one: a Git server on the LAN is common, and allowing it must not open
  // webhooks (or the reverse). Same SSRF rules (lib/webhooks/ssrf.ts).
  "builds.allow_private_git": boolean;
  // RUN steps get a network (slirp4netns, no route to the host's loopback) only when this is on.
  "builds.allow_network": boolean;
};
export type SiteSettingKey = keyof SiteSettings;

/** Operator settings with their defaults (a missing row means the default). */
export const SITE_SETTING_DEFAULTS: SiteSettings = {
  "webhooks.allow_private_targets": false,
  "registry.pull_rate_limit": null,
  "registry.read_only": null,
  "storage.default_quota_bytes": null,
  "registry.gc_schedule": null,
  "builds.enabled": false,
  "builds.allow_private_git": false,
  "builds.allow_network": false,
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

/**
 * The setting as the front door reads it on each request it judges: cached in the process, and
 * emptied on every change by the access cache's notification (migration 0018), so a change applies
 * on every console at once, not after a delay.
 */
export function getSiteSettingForRequests<K extends SiteSettingKey>(key: K): Promise<SiteSettings[K]> {
  return cachedAccess(`setting:${key}`, () => getSiteSetting(key));
}

export function allowPrivateWebhookTargets(): Promise<boolean> {
  return getSiteSetting("webhooks.allow_private_targets");
}
