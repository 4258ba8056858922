import { formatBytes } from "@/lib/format";
import type { DoorRefusal } from "./front-door";

/**
 * Whether a push may add `addingBytes` to a namespace under its storage quota. Pure: the facts come
 * from lib/services/storage/reserve-push.ts, which holds the namespace's lock while it asks.
 * `usedBytes` is the namespace's distinct bytes as counted; `reservedBytes` what pushes let through
 * moments ago add that the counters do not include yet.
 *
 * A push adding nothing new (a tag moved to an image the namespace already stores) always passes,
 * even over the quota: it costs no storage, and refusing it would only block tidying up.
 */
export type QuotaFacts = {
  namespace: string;
  quotaBytes: number | null;
  usedBytes: number;
  reservedBytes: number;
  addingBytes: number;
};

export function storageQuotaRefusal(f: QuotaFacts): DoorRefusal | null {
  if (f.quotaBytes === null || f.addingBytes <= 0) return null;
  const using = f.usedBytes + f.reservedBytes;
  if (using + f.addingBytes <= f.quotaBytes) return null;
  return {
    status: 403,
    code: "DENIED",
    message: `${f.namespace} uses ${formatBytes(using)} of its ${formatBytes(f.quotaBytes)} storage quota, and this push adds ${formatBytes(f.addingBytes)}. Delete tags ${f.namespace} no longer needs, or ask an operator for a larger quota.`,
  };
}

/** A namespace's own quota as the operator set it (namespaces.storage_quota_override/bytes). */
export type QuotaOverride = { override: boolean; bytes: number | null };

/** The quota that applies to a namespace, and where it comes from (the settings pages say which). */
export type EffectiveQuota = { bytes: number | null; source: "site" | "namespace" };

/**
 * The one answer to "what is this namespace's quota": its own when the operator set one (a number,
 * or no limit), else the site default. The door, the quota meter, the API and the quota
 * notifications all go through it (the roll-up's SQL mirrors it: lib/services/storage/notify-quota-levels.ts).
 */
export function effectiveStorageQuota(ns: QuotaOverride, siteDefault: number | null): EffectiveQuota {
  return ns.override ? { bytes: ns.bytes, source: "namespace" } : { bytes: siteDefault, source: "site" };
}

/** Levels at which owners are told (percent of the quota); 0 means below the first. */
export const QUOTA_LEVELS = [80, 100] as const;
export type QuotaLevel = 0 | (typeof QUOTA_LEVELS)[number];

/** The highest level `usedBytes` has reached under `quotaBytes` (no quota: 0, nothing to warn of). */
export function quotaLevel(usedBytes: number, quotaBytes: number | null): QuotaLevel {
  if (quotaBytes === null) return 0;
  if (usedBytes >= quotaBytes) return 100;
  return usedBytes * 100 >= quotaBytes * 80 ? 80 : 0;
}
