import "server-only";
import { takeStorageSnapshot } from "@/lib/services/storage/take-snapshot";
import { repeatInBackground } from "./repeat";

/**
 * The daily storage snapshot (Admin → Storage's chart): looked for every `ms`, taken by the first
 * look of each UTC day, in whichever console process gets there first (the others write nothing).
 * Hourly looks mean a snapshot lands within the first hour of the day, even across restarts.
 */
export function startStorageSnapshots(ms: number): void {
  repeatInBackground("storage snapshot", () => takeStorageSnapshot(), ms, 30_000);
}
