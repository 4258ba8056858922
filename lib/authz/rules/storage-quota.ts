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
