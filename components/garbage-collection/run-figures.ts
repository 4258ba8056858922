import type { GcRunView } from "@/lib/data/registry-gc";
import { formatBytes } from "@/lib/format";

/** Seconds between two moments, one decimal; null while either is missing. */
export function secondsBetween(from: Date | null, to: Date | null): number | null {
  return from && to ? Math.round((to.getTime() - from.getTime()) / 100) / 10 : null;
}

/** "1.2 MB", or a dash while the run has not measured it. */
export function freedText(run: GcRunView): string {
  return run.bytesBefore !== null && run.bytesAfter !== null ? formatBytes(run.bytesBefore - run.bytesAfter) : "—";
}

export function whoText(run: GcRunView): string {
  return run.trigger === "schedule" ? "schedule" : (run.requestedBy ?? "a deleted account");
}
