import "server-only";
import { STORAGE_ROLLUP_BATCH, rollUpStorage } from "@/lib/services/storage/roll-up";
import { coalescedRollUp } from "./coalesced-roll-up";
import { repeatInBackground } from "./repeat";

/**
 * Applies queued storage changes now, in the background (or once more after the current run):
 * called when this process has just described manifests, so the figures follow a push within
 * moments. Changes queued elsewhere (tag deletions, other processes) wait for the periodic run.
 */
export const scheduleStorageRollup = coalescedRollUp({
  name: "storage roll-up",
  run: () => rollUpStorage(),
  batch: STORAGE_ROLLUP_BATCH,
});

/** Every `ms`: a roll-up that costs one empty delete when nothing is queued. */
export function startStorageRollup(ms: number): void {
  repeatInBackground("storage roll-up", async () => scheduleStorageRollup(), ms, 0);
}
